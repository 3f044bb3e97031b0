import { TYPEORM_METADATA_TABLE } from "../../catalog/bookkeeping-tables";
import type { MetadataRow } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { quoteIdentifier, quoteLiteral } from "./quote";

// TypeORM's default `metadataTableName`; the model records no other. On MySQL its `schema`
// column holds the database's name (DATABASE()) for views and generated columns alike, and
// `database` stays NULL. The table is created as RdbmsSchemaBuilder.createTypeormMetadataTable
// creates it through MySQL's driver (varchar → varchar(255)).
const METADATA_TABLE = quoteIdentifier(TYPEORM_METADATA_TABLE);
const q = quoteIdentifier;

const CREATE_METADATA_TABLE =
    `CREATE TABLE IF NOT EXISTS ${METADATA_TABLE} (${q("type")} varchar(255) NOT NULL, ${q("database")} varchar(255) NULL, ` +
    `${q("schema")} varchar(255) NULL, ${q("table")} varchar(255) NULL, ${q("name")} varchar(255) NULL, ${q("value")} text NULL) ENGINE=InnoDB`;

/** The table is created with the first row of a database that has none. */
export function emitInsertMetadataRow(row: MetadataRow, ctx: EmitContext): Statement[] {
    const values = [
        "NULL",
        "DATABASE()",
        row.table === "" ? "NULL" : quoteLiteral(row.table),
        quoteLiteral(row.type),
        quoteLiteral(row.name),
        quoteLiteral(row.value),
    ];
    const insert = `INSERT INTO ${METADATA_TABLE} (${["database", "schema", "table", "type", "name", "value"].map(q).join(", ")}) VALUES (${values.join(", ")})`;
    const first = ctx.start.metadataRows.length === 0 && ctx.before.metadataRows.length === 0;
    return [...(first ? [CREATE_METADATA_TABLE] : []), insert].map((sql) => ({ sql }));
}

/** Deletes as TypeORM does; with the last row of the migration's end state the table goes too. */
export function emitDeleteMetadataRow(row: MetadataRow, ctx: EmitContext): Statement[] {
    const conditions = [`${q("type")} = ${quoteLiteral(row.type)}`, `${q("name")} = ${quoteLiteral(row.name)}`, `${q("schema")} = DATABASE()`];
    if (row.table !== "") conditions.push(`${q("table")} = ${quoteLiteral(row.table)}`);
    const last = ctx.after.metadataRows.length === 0 && ctx.end.metadataRows.length === 0;
    return [`DELETE FROM ${METADATA_TABLE} WHERE ${conditions.join(" AND ")}`, ...(last ? [`DROP TABLE IF EXISTS ${METADATA_TABLE}`] : [])].map((sql) => ({
        sql,
    }));
}
