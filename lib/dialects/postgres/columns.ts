import type { Column } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnCommentSql, columnDefinitionSql } from "./column-sql";
import { quoteIdentifier, tableName } from "./quote";

/**
 * `ALTER TABLE ... ADD "column" ...`, then its comment. A NOT NULL column with a value for the
 * rows already there is added NULL, filled, then made NOT NULL (the value may name other columns,
 * which a DEFAULT may not).
 */
export function emitAddColumn(column: Column, ctx: EmitContext, backfill: string | null = null): Statement[] {
    const sql =
        backfill === null
            ? [addColumnSql(column, ctx)]
            : [addColumnSql({ ...column, nullable: true }, ctx), backfillSql(column, backfill, "all"), alterColumnSql(column, "SET NOT NULL")];
    return [...sql, ...columnCommentSql(column)].map((text) => ({ sql: text }));
}

/** `UPDATE` giving the rows already there (every row, or those holding NULL) their value. */
export function backfillSql(column: Column, value: string, rows: "all" | "nulls"): string {
    const name = quoteIdentifier(column.name);
    return `UPDATE ${tableName(column)} SET ${name} = ${value}${rows === "nulls" ? ` WHERE ${name} IS NULL` : ""}`;
}

/** Indexes and constraints on the column were dropped by earlier ops; a SERIAL sequence goes with it. */
export function emitDropColumn(column: Column): Statement[] {
    return [{ sql: dropColumnSql(column) }];
}

export function addColumnSql(column: Column, ctx: EmitContext): string {
    return `ALTER TABLE ${tableName(column)} ADD ${columnDefinitionSql(column, () => ctx.after)}`;
}

export function dropColumnSql(column: Column): string {
    return `ALTER TABLE ${tableName(column)} DROP COLUMN ${quoteIdentifier(column.name)}`;
}

/** `ALTER TABLE "schema"."table" ALTER COLUMN "name" <clause>`. */
export function alterColumnSql(column: Column, clause: string): string {
    return `ALTER TABLE ${tableName(column)} ALTER COLUMN ${quoteIdentifier(column.name)} ${clause}`;
}
