import type { Column } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnDefinitionSql } from "./column-sql";
import { changesComputation, emitRecompute } from "./computed-columns";
import { keyClausesAddingColumn, keyClausesDroppingColumn } from "./primary-keys";
import { quoteIdentifier, tableName } from "./quote";
import { sameTable } from "../../schema/keys";

/**
 * `ADD COLUMN`, carrying the primary key change when the column is the new key's AUTO_INCREMENT
 * column (rows get numbered). A NOT NULL column with a value for the rows already there is added
 * NULL, filled, then made NOT NULL: added NOT NULL at once, MySQL would give the rows its implicit
 * default ('' or 0) without a word.
 */
export function emitAddColumn(column: Column, ctx: EmitContext, backfill: string | null = null): Statement[] {
    if (backfill !== null) {
        return [
            { sql: `ALTER TABLE ${tableName(column)} ADD COLUMN ${columnDefinitionSql({ ...column, nullable: true })}` },
            { sql: backfillSql(column, backfill, ctx, "all") },
            { sql: `ALTER TABLE ${tableName(column)} MODIFY COLUMN ${columnDefinitionSql(column)}` },
        ];
    }
    const clauses = [`ADD COLUMN ${columnDefinitionSql(column)}`, ...keyClausesAddingColumn(column, ctx)];
    return [{ sql: `ALTER TABLE ${tableName(column)} ${clauses.join(", ")}` }];
}

/**
 * `UPDATE` giving the rows already there (every row, or those holding NULL) their value. Columns
 * with ON UPDATE (`@UpdateDateColumn`) are assigned their own value, or MySQL would stamp every
 * backfilled row as changed now.
 */
export function backfillSql(column: Column, value: string, ctx: EmitContext, rows: "all" | "nulls"): string {
    const name = quoteIdentifier(column.name);
    const stamped = ctx.before.columns
        .filter((c) => sameTable(c, column) && c.onUpdate !== null && c.name !== column.name)
        .map((c) => `${quoteIdentifier(c.name)} = ${quoteIdentifier(c.name)}`);
    const assignments = [`${name} = ${value}`, ...stamped].join(", ");
    return `UPDATE ${tableName(column)} SET ${assignments}${rows === "nulls" ? ` WHERE ${name} IS NULL` : ""}`;
}

/** `DROP COLUMN` (its indexes and foreign keys went in earlier ops), carrying the key change when it is the old key's AUTO_INCREMENT column. */
export function emitDropColumn(column: Column, ctx: EmitContext): Statement[] {
    const key = keyClausesDroppingColumn(column, ctx);
    const clauses = [...key.before, `DROP COLUMN ${quoteIdentifier(column.name)}`, ...key.after];
    return [{ sql: `ALTER TABLE ${tableName(column)} ${clauses.join(", ")}` }];
}

/**
 * `MODIFY COLUMN` with the whole new definition: MySQL converts the stored values in place (a
 * value that does not fit fails the statement in strict mode instead of being lost). A change to
 * what a computed column computes goes through computed-columns.ts.
 */
export function emitAlterColumn(before: Column, after: Column, ctx: EmitContext, backfill: string | null = null): Statement[] {
    if (changesComputation(before, after)) return emitRecompute(before, after, ctx);
    return [
        // The rows holding NULL get their value first: MODIFY ... NOT NULL fails on them ("Data truncated").
        ...(backfill === null ? [] : [{ sql: backfillSql(before, backfill, ctx, "nulls") }]),
        { sql: `ALTER TABLE ${tableName(after)} MODIFY COLUMN ${columnDefinitionSql(after)}` },
    ];
}
