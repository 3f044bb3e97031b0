import { TYPEORM_METADATA_TABLE } from "../../catalog/bookkeeping-tables";
import type { MetadataRow } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { qualifiedName, quoteLiteral } from "./quote";

// TypeORM keeps the table (default name `typeorm_metadata`; the model records no other) in the
// data source's schema, created as RdbmsSchemaBuilder.createTypeormMetadataTable does.
const metadataTable = (ctx: EmitContext) => qualifiedName(ctx.before.defaultSchema, TYPEORM_METADATA_TABLE);

const createTableSql = (table: string) =>
    `CREATE TABLE IF NOT EXISTS ${table} ("type" character varying NOT NULL, "database" character varying, ` +
    `"schema" character varying, "table" character varying, "name" character varying, "value" text)`;

/**
 * Inserts the row as synchronize() does: a generated column's row names the database, a view's
 * row has neither database nor table. The table is created with the first row.
 */
export function emitInsertMetadataRow(row: MetadataRow, ctx: EmitContext): Statement[] {
    const table = metadataTable(ctx);
    const database = row.type === "GENERATED_COLUMN" ? "current_database()" : "NULL";
    const values = [database, literalOrNull(row.schema), literalOrNull(row.table), quoteLiteral(row.type), quoteLiteral(row.name), quoteLiteral(row.value)];
    const insert = `INSERT INTO ${table} ("database", "schema", "table", "type", "name", "value") VALUES (${values.join(", ")})`;
    const first = ctx.before.metadataRows.length === 0;
    return [...(first ? [createTableSql(table)] : []), insert].map((sql) => ({ sql }));
}

/**
 * Deletes by type, schema, table and name. When no row is left, now and at the end of the
 * migration, the table goes too: synchronize() makes it only for entities that need it.
 */
export function emitDeleteMetadataRow(row: MetadataRow, ctx: EmitContext): Statement[] {
    const table = metadataTable(ctx);
    const conditions = [
        `"type" = ${quoteLiteral(row.type)}`,
        row.schema === "" ? `"schema" IS NULL` : `"schema" = ${quoteLiteral(row.schema)}`,
        row.table === "" ? `"table" IS NULL` : `"table" = ${quoteLiteral(row.table)}`,
        `"name" = ${quoteLiteral(row.name)}`,
    ];
    const last = ctx.after.metadataRows.length === 0 && ctx.end.metadataRows.length === 0;
    return [`DELETE FROM ${table} WHERE ${conditions.join(" AND ")}`, ...(last ? [`DROP TABLE IF EXISTS ${table}`] : [])].map((sql) => ({ sql }));
}

function literalOrNull(value: string): string {
    return value === "" ? "NULL" : quoteLiteral(value);
}
