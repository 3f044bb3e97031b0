import type { Op } from "../../diff/ops";
import { sameTable } from "../../schema/keys";
import type { TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { lockClassOf, type LockClass } from "../locks";
import { mysqlLocks } from "./locks";

// `generate --online` on MySQL and MariaDB: the statements name the algorithm and lock level the
// lock table (locks.ts) gives the change, so that a server which cannot do it that way refuses the
// statement instead of copying the table under a lock. Where the table says COPY nothing is added
// (the migration file's header already lists the change as blocking).

/** `ALGORITHM=` and `LOCK=` as the lock table names them; null for COPY and for changes of several steps. */
export interface OnlineAlgorithm {
    readonly algorithm: "INSTANT" | "INPLACE";
    /** None with INSTANT: MySQL 8 accepts only LOCK=DEFAULT there. */
    readonly lock: "NONE" | "SHARED" | null;
}

/** The lock table's words, read whole: `ALGORITHM=INPLACE, LOCK=NONE`, optionally followed by a parenthesised note. */
const LOCK_WORDS = /^ALGORITHM=(INSTANT|INPLACE)(?:, LOCK=(NONE|SHARED))?(?: \([^)]*\))?$/;

export function onlineAlgorithm(lock: LockClass): OnlineAlgorithm | null {
    const match = LOCK_WORDS.exec(lock.lock);
    if (!match) return null;
    return { algorithm: match[1] as OnlineAlgorithm["algorithm"], lock: (match[2] as OnlineAlgorithm["lock"] | undefined) ?? null };
}

/**
 * Whether `ref`'s table is there before the migration and stays: only such a table has rows and
 * readers to keep going; a table the migration creates is empty, one it drops is gone.
 */
export function onlineOn(ref: TableRef, ctx: EmitContext): boolean {
    const has = (state: EmitContext["start"]) => state.tables.some((table) => sameTable(table, ref));
    return ctx.online && has(ctx.start) && has(ctx.end);
}

/** `, ALGORITHM=..., LOCK=...` after an ALTER TABLE's changes; ` ALGORITHM=... LOCK=...` after CREATE/DROP INDEX. */
function clause(online: OnlineAlgorithm, separator: string): string {
    const words = [`ALGORITHM=${online.algorithm}`, ...(online.lock === null ? [] : [`LOCK=${online.lock}`])];
    return `${separator}${words.join(separator)}`;
}

const createIndex = /^CREATE (UNIQUE |SPATIAL |FULLTEXT )*INDEX /;
const dropIndex = /^DROP INDEX (`(?:[^`]|``)*`) ON (.+)$/s;

/**
 * Adds the clause to a statement that takes one; others (UPDATE) are left as they are. MariaDB
 * 10.11's DROP INDEX takes no ALGORITHM/LOCK (a syntax error, whatever its manual says), so the
 * index is dropped with `ALTER TABLE ... DROP INDEX`, which both servers accept with them.
 */
export function withAlgorithm(statement: Statement, online: OnlineAlgorithm): Statement {
    const drop = dropIndex.exec(statement.sql);
    const sql = drop ? `ALTER TABLE ${drop[2]} DROP INDEX ${drop[1]}` : statement.sql;
    if (sql.startsWith("ALTER TABLE ")) return { ...statement, sql: `${sql}${clause(online, ", ")}` };
    if (createIndex.test(sql)) return { ...statement, sql: `${sql}${clause(online, " ")}` };
    return statement;
}

const isDdl = (statement: Statement) => !statement.sql.startsWith("UPDATE ");

/**
 * `statements` (what `op` emits) with the lock table's algorithm and lock level, when the migration
 * is online, the table is there before and after it, and the op is one DDL statement (an op written
 * as several, e.g. a foreign key dropped and added back around an index, mixes algorithms: the
 * server picks each).
 */
export function online(op: Op, ref: TableRef, ctx: EmitContext, statements: readonly Statement[]): readonly Statement[] {
    if (!onlineOn(ref, ctx) || statements.filter(isDdl).length !== 1) return statements;
    const algorithm = onlineAlgorithm(lockClassOf(mysqlLocks, op, ctx));
    return algorithm === null ? statements : statements.map((statement) => (isDdl(statement) ? withAlgorithm(statement, algorithm) : statement));
}
