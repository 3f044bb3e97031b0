// Schema-model entries for specs: each names what identifies the entry and overrides only what the
// spec is about; every other field holds the model's neutral value (not null, no default, not
// generated, no enum, no comment, no index option).
import type { Column, Index, Table } from "../../lib/schema/model";

const neutralColumn = {
    length: "",
    precision: null,
    scale: null,
    nullable: false,
    default: null,
    generated: null,
    identity: null,
    asExpression: null,
    generatedType: null,
    enum: null,
    enumName: null,
    array: false,
    comment: null,
    collation: null,
    charset: null,
    unsigned: false,
    onUpdate: null,
    spatialFeatureType: null,
    srid: null,
    primary: false,
} as const satisfies Omit<Column, "schema" | "table" | "name" | "type">;

const neutralIndex = {
    unique: false,
    where: null,
    type: null,
    spatial: false,
    fulltext: false,
    parser: null,
    concurrent: false,
    nullFiltered: false,
} as const satisfies Omit<Index, "schema" | "table" | "name" | "columns">;

const neutralTable = { comment: null, engine: null, withoutRowid: false } as const satisfies Omit<Table, "schema" | "table">;

/**
 * A column of the model: a plain, NOT NULL, non-generated one unless `fields` says otherwise.
 * @example column({ schema: "public", table: "post", name: "title", type: "character varying", length: "255" })
 */
export function column(fields: Pick<Column, "schema" | "table" | "name" | "type"> & Partial<Column>): Column {
    const { schema, table, name, type, ...rest } = fields;
    return { schema, table, name, type, ...neutralColumn, ...rest };
}

/**
 * A plain, non-unique index of the model unless `fields` says otherwise.
 * @example index({ schema: "public", table: "post", name: "IDX_post_title", columns: ["title"], unique: true })
 */
export function index(fields: Pick<Index, "schema" | "table" | "name" | "columns"> & Partial<Index>): Index {
    const { schema, table, name, columns, ...rest } = fields;
    return { schema, table, name, columns, ...neutralIndex, ...rest };
}

/**
 * A table of the model without comment, engine or `WITHOUT ROWID` unless `fields` says otherwise.
 * @example table({ schema: "", table: "post", engine: "InnoDB" })
 */
export function table(fields: Pick<Table, "schema" | "table"> & Partial<Table>): Table {
    const { schema, table, ...rest } = fields;
    return { schema, table, ...neutralTable, ...rest };
}
