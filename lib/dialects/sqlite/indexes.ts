import { deepEqual } from "../../schema/equal";
import { sameTable } from "../../schema/keys";
import type { Index, Schema, TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { quoteIdentifier, quoteList } from "./quote";
import { hasTable } from "./table-shape";
import { tableChangePending } from "./table-plan";

/**
 * `CREATE [UNIQUE] INDEX "name" ON "table" (...) [WHERE ...]`; SQLite has no index methods, so `type`
 * is not written. An index over expressions has its key list as written (`substr("code", 1, 5)`).
 */
export function createIndexStatement(index: Index): Statement {
    const where = index.where === null ? "" : ` WHERE ${index.where}`;
    return {
        sql:
            `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${quoteIdentifier(index.name)} ` +
            `ON ${quoteIdentifier(index.table)} (${index.expression ?? quoteList(index.columns)})${where}`,
    };
}

export function indexesOf(schema: Schema, ref: TableRef): Index[] {
    return schema.indexes.filter((index) => sameTable(index, ref));
}

/** Indexes of `ref` in `schema` that the database at `start` does not already have. */
export function indexesNewSince(start: Schema, schema: Schema, ref: TableRef): Index[] {
    const existing = indexesOf(start, ref);
    return indexesOf(schema, ref).filter((index) => !existing.some((old) => deepEqual(old, index)));
}

/** Waits for the table's coming rebuild or ADD COLUMN when one is pending: the index may need a column not added yet. */
export function emitCreateIndex(index: Index, ctx: EmitContext): Statement[] {
    return tableChangePending(ctx, index) ? [] : [createIndexStatement(index)];
}

/** Nothing when the migration drops the table: DROP TABLE takes its indexes along. */
export function emitDropIndex(index: Index, ctx: EmitContext): Statement[] {
    return hasTable(ctx.end, index) ? [{ sql: `DROP INDEX ${quoteIdentifier(index.name)}` }] : [];
}
