import { sameTable } from "../../schema/keys";
import type { Column, Table } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnDefinitionSql } from "./column-sql";
import { tableName } from "./quote";
import { charsetWord, collationWord } from "./sql-words";

/** `DEFAULT CHARSET=... COLLATE=...` of CREATE TABLE, as SHOW CREATE TABLE writes them; none for the database's. */
export function collationOptions(table: Table): string[] {
    if (table.collation === undefined) return [];
    return [`DEFAULT CHARSET=${charsetWord(table.charset ?? "")}`, `COLLATE=${collationWord(table.collation)}`];
}

export function changesCollation(before: Table, after: Table): boolean {
    return before.collation !== after.collation || before.charset !== after.charset;
}

/**
 * A new table collation, in one statement: the table's default, and each text column that follows
 * it (no collation of its own) modified to its declared definition in the new one. Not `CONVERT
 * TO`: it converts every text column, those with a collation of their own too (lossy on the way,
 * or refused in strict mode, though the column was never meant to change), and widens `text` to
 * `mediumtext` when the new character set takes more bytes. Back to the database's: `CHARACTER
 * SET DEFAULT`, whose collation the following columns, modified without one, take in the same
 * statement.
 */
export function emitConvertTable(after: Table, ctx: EmitContext): Statement[] {
    const following = ctx.after.columns.filter((column) => sameTable(column, after) && followsTable(column));
    const modified = following.map((column) => `MODIFY COLUMN ${columnDefinitionSql(inCollationOf(column, after))}`);
    return [{ sql: `ALTER TABLE ${tableName(after)} ${[`DEFAULT CHARACTER SET ${tableCharset(after)}`, ...modified].join(", ")}` }];
}

function tableCharset(table: Table): string {
    if (table.collation === undefined) return "DEFAULT";
    return `${charsetWord(table.charset ?? "")} COLLATE ${collationWord(table.collation)}`;
}

function inCollationOf(column: Column, table: Table): Column {
    if (table.collation === undefined || table.charset === undefined) return column;
    return { ...column, charset: table.charset, collation: table.collation };
}

const textTypes = new Set([
    "char",
    "varchar",
    "nchar",
    "nvarchar",
    "national char",
    "national varchar",
    "tinytext",
    "text",
    "mediumtext",
    "longtext",
    "enum",
    "set",
]);

// MariaDB's json is a longtext the server makes utf8mb4_bin whatever the table's collation.
function followsTable(column: Column): boolean {
    return column.charset === null && column.collation === null && textTypes.has(column.type.toLowerCase());
}
