import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Column, type Schema } from "../../lib/schema/model";
import * as model from "./model-builders";

/** A schema of `tables` realistic tables (8 columns, an index, a unique, a foreign key each), in model form. */
export function syntheticSchema(tables: number): Schema {
    const column = (table: string, name: string, type: string, over: Partial<Column> = {}): Column =>
        model.column({ schema: "public", table, name, type, ...over });
    const base = emptySchema("postgres", "public", "1.1.1");
    const names = Array.from({ length: tables }, (_, i) => `entity_${String(i).padStart(5, "0")}`);
    return canonicalize({
        ...base,
        tables: names.map((table) => model.table({ schema: "public", table })),
        columns: names.flatMap((table) => [
            column(table, "id", "integer", { generated: "increment", primary: true }),
            column(table, "name", "character varying", { length: "255" }),
            column(table, "email", "character varying", { length: "255" }),
            column(table, "description", "text", { nullable: true }),
            column(table, "price", "numeric", { precision: 10, scale: 2, default: "0" }),
            column(table, "createdAt", "timestamp without time zone", { default: "now()" }),
            column(table, "active", "boolean", { default: "true" }),
            column(table, "parentId", "integer", { nullable: true }),
        ]),
        primaryKeys: names.map((table) => ({ schema: "public", table, name: `PK_${table}`, columns: ["id"] })),
        indexes: names.map((table) => model.index({ schema: "public", table, name: `IDX_${table}_name`, columns: ["name"] })),
        uniques: names.map((table) => ({ schema: "public", table, name: `UQ_${table}_email`, columns: ["email"], deferrable: null })),
        foreignKeys: names.slice(1).map((table, i) => ({
            schema: "public",
            table,
            name: `FK_${table}_parent`,
            columns: ["parentId"],
            referencedSchema: "public",
            referencedTable: names[i],
            referencedColumns: ["id"],
            onDelete: "CASCADE",
            onUpdate: "NO ACTION",
            deferrable: null,
        })),
    });
}

/** The same schema with one column added to one table. */
export function withOneMoreColumn(schema: Schema): Schema {
    const first = schema.columns[0];
    return canonicalize({
        ...schema,
        columns: [...schema.columns, { ...first, name: "addedLater", type: "integer", nullable: true, primary: false, generated: null }],
    });
}
