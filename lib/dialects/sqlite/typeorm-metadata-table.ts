import { TYPEORM_METADATA_TABLE } from "../../catalog/bookkeeping-tables";
import type { MetadataRow } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { quoteIdentifier, quoteLiteral } from "./quote";

// TypeORM's default `metadataTableName`; the schema model does not record another one.
const METADATA_TABLE = quoteIdentifier(TYPEORM_METADATA_TABLE);

/** The table as TypeORM's schema builder creates it before it writes the first row. */
const CREATE_METADATA_TABLE =
    `CREATE TABLE IF NOT EXISTS ${METADATA_TABLE} ("type" varchar NOT NULL, "database" varchar, ` +
    `"schema" varchar, "table" varchar, "name" varchar, "value" text)`;

/**
 * Inserts the row as TypeORM does (a view's row has no table: NULL). The table is created with
 * the first row of a database that has none; it is dropped only when a migration ends with none.
 */
export function emitInsertMetadataRow(row: MetadataRow, ctx: EmitContext): Statement[] {
    const values = [null, nullIfEmpty(row.schema), nullIfEmpty(row.table), row.type, row.name, row.value].map((value) =>
        value === null ? "NULL" : quoteLiteral(value),
    );
    const insert = `INSERT INTO ${METADATA_TABLE} ("database", "schema", "table", "type", "name", "value") ` + `VALUES (${values.join(", ")})`;
    const firstRow = ctx.start.metadataRows.length === 0 && ctx.before.metadataRows.length === 0;
    return [...(firstRow ? [{ sql: CREATE_METADATA_TABLE }] : []), { sql: insert }];
}

/**
 * Deletes the row as TypeORM does (by type and name, plus table and schema when set). With the
 * last row of the migration's end state the table goes too: `synchronize()` only creates it
 * for entities that need it.
 */
export function emitDeleteMetadataRow(row: MetadataRow, ctx: EmitContext): Statement[] {
    const conditions = [`"type" = ${quoteLiteral(row.type)}`, `"name" = ${quoteLiteral(row.name)}`];
    if (row.schema !== "") conditions.push(`"schema" = ${quoteLiteral(row.schema)}`);
    if (row.table !== "") conditions.push(`"table" = ${quoteLiteral(row.table)}`);
    const remove = { sql: `DELETE FROM ${METADATA_TABLE} WHERE ${conditions.join(" AND ")}` };
    const lastRow = ctx.after.metadataRows.length === 0 && ctx.end.metadataRows.length === 0;
    return lastRow ? [remove, { sql: `DROP TABLE ${METADATA_TABLE}` }] : [remove];
}

function nullIfEmpty(value: string): string | null {
    return value === "" ? null : value;
}
