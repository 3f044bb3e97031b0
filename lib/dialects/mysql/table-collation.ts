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
 * A new table collation: `CONVERT TO CHARACTER SET` changes the table's default and converts every
 * text column, as the model means (a column without a collation of its own has the table's).
 * It converts the columns with one of their own too, so each is given its own back; so is a
 * MariaDB `json` column (a longtext the server makes utf8mb4_bin). Back to the database's:
 * `CHARACTER SET DEFAULT`, the database's character set with its default collation.
 */
export function emitConvertTable(after: Table, ctx: EmitContext): Statement[] {
    const to = after.collation === undefined ? "DEFAULT" : `${charsetWord(after.charset ?? "")} COLLATE ${collationWord(after.collation)}`;
    const restored = ctx.after.columns.filter((column) => sameTable(column, after) && keepsOwnCollation(column));
    return [
        { sql: `ALTER TABLE ${tableName(after)} CONVERT TO CHARACTER SET ${to}` },
        ...restored.map((column) => ({ sql: `ALTER TABLE ${tableName(after)} MODIFY COLUMN ${columnDefinitionSql(column)}` })),
    ];
}

function keepsOwnCollation(column: Column): boolean {
    return column.charset !== null || column.collation !== null || column.type === "json";
}
