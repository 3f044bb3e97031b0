import { createHash } from "node:crypto";
import type { Check, Column, ForeignKey, Index, TableRef, Unique } from "../../schema/model";
import { sameTable } from "../../schema/keys";
import type { EmitContext, Statement } from "../dialect";
import { alterColumnSql } from "./columns";
import { addConstraint, checkBody, foreignKeyBody } from "./constraints";
import { emitCreateIndex, emitDropIndex } from "./indexes";
import { qualifiedName, quoteIdentifier, quoteList, tableName } from "./quote";
import { deferrableClause } from "./sql-words";

// The lock-friendly forms `generate --online` writes (see `EmitContext.online`). Each statement
// commits on its own (`transactional: false`, so the migration runs with `transaction = false`):
// inside one transaction the short strong lock of `ADD ... NOT VALID` would be held through the
// long `VALIDATE` scan, which is what the two steps are there to avoid. CONCURRENTLY statements
// could not run in one anyway.

const own = { transactional: false as const };
const concurrently = { transactional: false as const, refusedInTransaction: true as const };

/**
 * Whether `ref`'s table is there before the migration and stays: only such a table has rows and
 * readers to keep going. A table the migration creates is empty and unseen, one it drops is gone
 * with its indexes and constraints: both keep the plain forms.
 */
export function onlineOn(ref: TableRef, ctx: EmitContext): boolean {
    const has = (state: EmitContext["start"]) => state.tables.some((table) => sameTable(table, ref));
    return ctx.online && has(ctx.start) && has(ctx.end);
}

/**
 * `CREATE INDEX CONCURRENTLY`, after dropping an index of that name a failed earlier build left
 * (INVALID, still in the catalog): writes go on while the index is built.
 */
export function onlineCreateIndex(index: Index): Statement[] {
    return [
        { sql: `DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName(index.schema, index.name)}`, ...concurrently },
        ...emitCreateIndex({ ...index, concurrent: true }),
    ];
}

export function onlineDropIndex(index: Index): Statement[] {
    return emitDropIndex({ ...index, concurrent: true });
}

/** Added `NOT VALID` (a short lock, no scan), then validated by a scan that lets writes go on. */
export function onlineForeignKey(foreignKey: ForeignKey): Statement[] {
    return [{ ...addConstraint(foreignKey, `${foreignKeyBody(foreignKey)} NOT VALID`), ...own }, validate(foreignKey, foreignKey.name)];
}

export function onlineCheck(check: Check): Statement[] {
    return [{ ...addConstraint(check, `${checkBody(check)} NOT VALID`), ...own }, validate(check, check.name)];
}

/**
 * The unique index built concurrently under the constraint's own name, then attached to the
 * constraint (a short lock, no scan): the catalog ends up as `ADD CONSTRAINT ... UNIQUE` leaves it.
 */
export function onlineUnique(unique: Unique): Statement[] {
    const index = quoteIdentifier(unique.name);
    return [
        { sql: `DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName(unique.schema, unique.name)}`, ...concurrently },
        { sql: `CREATE UNIQUE INDEX CONCURRENTLY ${index} ON ${tableName(unique)} (${quoteList(unique.columns)})`, ...concurrently },
        { sql: `ALTER TABLE ${tableName(unique)} ADD CONSTRAINT ${index} UNIQUE USING INDEX ${index}${deferrableClause(unique.deferrable)}`, ...own },
    ];
}

/**
 * `SET NOT NULL` without a scan under ACCESS EXCLUSIVE: a `CHECK (col IS NOT NULL)` added NOT
 * VALID and validated while writes go on, which PostgreSQL 12+ takes as proof, then dropped.
 */
export function onlineSetNotNull(column: Column): Statement[] {
    const check = quoteIdentifier(notNullCheckName(column));
    const table = tableName(column);
    return [
        { sql: `ALTER TABLE ${table} ADD CONSTRAINT ${check} CHECK (${quoteIdentifier(column.name)} IS NOT NULL) NOT VALID`, ...own },
        { sql: `ALTER TABLE ${table} VALIDATE CONSTRAINT ${check}`, ...own },
        { sql: alterColumnSql(column, "SET NOT NULL"), ...own },
        { sql: `ALTER TABLE ${table} DROP CONSTRAINT ${check}`, ...own },
    ];
}

function validate(ref: TableRef, name: string): Statement {
    return { sql: `ALTER TABLE ${tableName(ref)} VALIDATE CONSTRAINT ${quoteIdentifier(name)}`, ...own };
}

/** A temporary check's name: short, and the same for the same column on every run. */
function notNullCheckName(column: Column): string {
    const hash = createHash("sha1").update(`${column.schema}.${column.table}.${column.name}`).digest("hex").slice(0, 12);
    return `tmp_not_null_${hash}`;
}
