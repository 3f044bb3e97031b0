import type { Column, Schema } from "../../schema/model";

/**
 * What TypeORM's `synchronize()` changes on PostgreSQL, applied to the schema read from the
 * entities: its query runner writes SERIAL for every generated column but `uuid` and `identity`,
 * so a column generated as `rowid` is the same SERIAL column as `increment`.
 */
export function asPostgresSynchronizes(schema: Schema): Schema {
    if (!schema.columns.some(isRowid)) return schema;
    return { ...schema, columns: schema.columns.map((column) => (isRowid(column) ? { ...column, generated: "increment" } : column)) };
}

const isRowid = (column: Column) => column.generated === "rowid";
