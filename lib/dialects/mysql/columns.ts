import type { Column } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnDefinitionSql } from "./column-sql";
import { changesComputation, emitRecompute } from "./computed-columns";
import { keyClausesAddingColumn, keyClausesDroppingColumn } from "./primary-keys";
import { quoteIdentifier, tableName } from "./quote";

/** `ADD COLUMN`, carrying the primary key change when the column is the new key's AUTO_INCREMENT column (rows get numbered). */
export function emitAddColumn(column: Column, ctx: EmitContext): Statement[] {
    const clauses = [`ADD COLUMN ${columnDefinitionSql(column)}`, ...keyClausesAddingColumn(column, ctx)];
    return [{ sql: `ALTER TABLE ${tableName(column)} ${clauses.join(", ")}` }];
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
export function emitAlterColumn(before: Column, after: Column, ctx: EmitContext): Statement[] {
    if (changesComputation(before, after)) return emitRecompute(before, after, ctx);
    return [{ sql: `ALTER TABLE ${tableName(after)} MODIFY COLUMN ${columnDefinitionSql(after)}` }];
}
