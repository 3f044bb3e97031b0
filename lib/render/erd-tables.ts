import type { Column, ForeignKey, Schema, TableRef } from "../schema/model";

/** A column as a diagram shows it: its type in one word list, and the keys it takes part in. */
export interface ErdColumn {
    readonly column: Column;
    /** `character varying(250)`, `numeric(10,2)`, `integer[]`, the enum type's name. */
    readonly type: string;
    readonly primary: boolean;
    readonly foreign: boolean;
    /** Unique on its own: a one-column unique constraint or a unique index without a predicate. */
    readonly unique: boolean;
}

export interface ErdTable {
    readonly ref: TableRef;
    /** `table`, or `schema.table` outside the default schema. */
    readonly name: string;
    readonly comment: string | null;
    readonly columns: readonly ErdColumn[];
}

/** A foreign key as a relation between two tables, with the cardinalities its columns give it. */
export interface ErdRelation {
    readonly foreignKey: ForeignKey;
    /** The referencing table's diagram name. */
    readonly child: string;
    /** The referenced table's diagram name. */
    readonly parent: string;
    /** Some referencing column is nullable: a row may have no parent. */
    readonly optional: boolean;
    /** The referencing columns are unique (or the primary key): a parent has at most one such row. */
    readonly oneToOne: boolean;
    /** The referencing columns are part of the child's primary key. */
    readonly identifying: boolean;
}

/** The key a table, column or member is found by: schema, table (and name). */
export function tableKey(ref: TableRef): string {
    return `${ref.schema}\u0000${ref.table}`;
}

export function columnKey(column: TableRef & { readonly name: string }): string {
    return `${tableKey(column)}\u0000${column.name}`;
}

/** `table`, or `schema.table` when it lives outside the default schema. */
export function diagramTableName(schema: Pick<Schema, "defaultSchema">, ref: TableRef): string {
    return ref.schema === "" || ref.schema === schema.defaultSchema ? ref.table : `${ref.schema}.${ref.table}`;
}

/** The type as the column's DDL spells it, with the enum type's name for a named enum. */
export function columnTypeText(column: Column): string {
    const base = column.enumName ?? column.type;
    const size =
        column.length !== ""
            ? `(${column.length})`
            : column.precision !== null
              ? `(${column.precision}${column.scale !== null ? `,${column.scale}` : ""})`
              : "";
    return `${base}${size}${column.array ? "[]" : ""}`;
}

/** The schema's tables, in the model's order, each with its columns and their keys. */
export function erdTables(schema: Schema): ErdTable[] {
    const primary = new Set(schema.primaryKeys.flatMap((pk) => pk.columns.map((name) => columnKey({ ...pk, name }))));
    const foreign = new Set(schema.foreignKeys.flatMap((fk) => fk.columns.map((name) => columnKey({ ...fk, name }))));
    const unique = new Set(uniqueColumnSets(schema, false).flatMap((set) => (set.columns.length === 1 ? [columnKey({ ...set, name: set.columns[0] })] : [])));
    const columns = new Map<string, ErdColumn[]>();
    for (const column of schema.columns) {
        const key = columnKey(column);
        const entry = { column, type: columnTypeText(column), primary: primary.has(key), foreign: foreign.has(key), unique: unique.has(key) };
        const list = columns.get(tableKey(column));
        if (list === undefined) columns.set(tableKey(column), [entry]);
        else list.push(entry);
    }
    return schema.tables.map((table) => ({
        ref: { schema: table.schema, table: table.table },
        name: diagramTableName(schema, table),
        comment: table.comment,
        columns: columns.get(tableKey(table)) ?? [],
    }));
}

/** Each foreign key as a relation, in the model's order. */
export function erdRelations(schema: Schema): ErdRelation[] {
    const nullable = new Set(schema.columns.filter((column) => column.nullable).map(columnKey));
    const uniqueSets = uniqueColumnSets(schema, true);
    return schema.foreignKeys.map((foreignKey) => {
        const columns = new Set(foreignKey.columns);
        const sameTable = (set: TableRef) => set.schema === foreignKey.schema && set.table === foreignKey.table;
        const primaryKey = schema.primaryKeys.find(sameTable);
        return {
            foreignKey,
            child: diagramTableName(schema, foreignKey),
            parent: diagramTableName(schema, { schema: foreignKey.referencedSchema, table: foreignKey.referencedTable }),
            optional: foreignKey.columns.some((name) => nullable.has(columnKey({ ...foreignKey, name }))),
            oneToOne: uniqueSets.some((set) => sameTable(set) && set.columns.length === columns.size && set.columns.every((name) => columns.has(name))),
            identifying: primaryKey !== undefined && foreignKey.columns.every((name) => primaryKey.columns.includes(name)),
        };
    });
}

/** Column sets no two rows share: unique constraints, unique indexes without a predicate, and (if asked) primary keys. */
function uniqueColumnSets(schema: Schema, withPrimaryKeys: boolean): (TableRef & { readonly columns: readonly string[] })[] {
    return [...schema.uniques, ...schema.indexes.filter((index) => index.unique && index.where === null), ...(withPrimaryKeys ? schema.primaryKeys : [])];
}
