import { TypeormMigrateError } from "../errors";
import type { QueryRunner } from "typeorm";
import type { Journal } from "./dirty-state";
import { isReadOnlyStatement } from "./read-only";
import { isDataCheck } from "../dialects/data-check-sql";

/** What one migration's statements did on a connection without a transaction. */
export interface StatementLog {
    /** Writes that completed and stay applied, in order, including those a resumed run skipped. */
    readonly applied: readonly string[];
    /** The statement the database refused (it did not apply). */
    readonly failed: string | null;
    /** The statement under way when the connection was lost: it may or may not have applied. */
    readonly inDoubt: string | null;
}

/** Thrown on resume when the migration no longer starts with the statements that already ran. */
export class ResumeMismatchError extends TypeormMigrateError {
    override readonly name = "ResumeMismatchError";
}

export interface TrackOptions {
    /**
     * Without a transaction: opens the journal, called just before the first write (reads before
     * it, such as data checks, leave the bind clean). Each statement from then on is journaled.
     */
    readonly journal?: () => Promise<Journal>;
    /** On resume: the writes a previous run applied, checked against the migration and skipped. */
    readonly alreadyApplied?: readonly string[];
    /** On resume: settles the previous run's journal, just before the first statement not skipped (`sql`). */
    readonly beforeFirstNewStatement?: (sql: string) => Promise<void>;
    /** Without a transaction, with a lock timeout set: a statement that gave up waiting for a lock is sent again, a few times. */
    readonly lockWaits?: LockWaits;
}

/** How a statement that timed out waiting for a lock is retried (it applied nothing, so its journal row stays). */
export interface LockWaits {
    /** The session's `lock_timeout`, for the message when the tries run out. */
    readonly timeoutMs: number;
    /** How many times a statement is sent again before giving up. */
    readonly retries: number;
    readonly isTimeout: (error: unknown) => boolean;
    /** What to send first, clearing what the timed-out attempt left (an INVALID index); null when nothing. */
    readonly beforeResending: (sql: string) => string | null;
    /** Waits between tries (tests pass their own). */
    readonly sleep?: (ms: number) => Promise<void>;
}

/** Thrown when a statement timed out waiting for a lock on every try. */
export class LockWaitError extends TypeormMigrateError {
    override readonly name = "LockWaitError";
}

/** The wait before resend `attempt` (1-based): 200 ms, doubling, at most 5 s. */
export function lockRetryDelay(attempt: number): number {
    return Math.min(200 * 2 ** (attempt - 1), 5000);
}

export interface TrackedRunner {
    readonly runner: QueryRunner;
    log(): StatementLog;
    /** Throws when a resumed migration ended before sending every statement the previous run applied. */
    checkComplete(): void;
}

/**
 * Wraps `queryRunner` so every statement a migration sends is seen, including those TypeORM's own
 * helpers (`createTable`, ...) send. Without a transaction each statement is journaled before it is
 * sent and settled when it ends, so a killed process or a lost connection leaves a record of what
 * ran. On resume, the writes a previous run applied are checked and skipped, while reads run again
 * (a helper goes on with the rows they return).
 */
export function trackStatements(queryRunner: QueryRunner, options: TrackOptions = {}): TrackedRunner {
    const skip = options.alreadyApplied ?? [];
    const applied: string[] = [];
    let failed: string | null = null;
    let inDoubt: string | null = null;
    let writesSeen = 0;
    let journal: Journal | null = null;
    let settledPrevious = options.beforeFirstNewStatement === undefined;

    const skipping = () => writesSeen < skip.length;
    const query = async (...args: Parameters<QueryRunner["query"]>) => {
        const sql = args[0];
        const write = !isReadOnlyStatement(sql);
        // The data checks passed before the previous run's first write; they name things as they were
        // then (before the renames that run applied), so they are not asked again.
        if (isDataCheck(sql) && skipping()) return [];
        if (write && skipping()) {
            const expected = skip[writesSeen];
            if (sql !== expected) {
                throw new ResumeMismatchError(
                    `cannot resume: statement ${writesSeen + 1} is now ${oneLine(sql)} but the stopped run applied ${oneLine(expected)}; nothing was run`,
                );
            }
            writesSeen++;
            applied.push(sql);
            return undefined;
        }
        if (!skipping() && !settledPrevious) {
            settledPrevious = true;
            await options.beforeFirstNewStatement?.(sql);
        }
        if (write) writesSeen++;
        if (write && journal === null && options.journal) journal = await options.journal();
        const seq = journal !== null && !skipping() ? await journal.started(sql) : null;
        let result: unknown;
        try {
            result = await send(args);
        } catch (error) {
            if (seq === null || (await settled(() => (journal as Journal).failed(seq, (error as Error).message)))) failed = sql;
            else inDoubt = sql;
            throw error;
        }
        if (write) applied.push(sql);
        if (seq !== null) await (journal as Journal).applied(seq);
        return result;
    };
    /**
     * Sends a statement, again after a lock timeout while tries are left. The cleanup before a resend
     * goes on the raw connection, unseen; it may time out on a lock too, which uses up a try.
     */
    const send = async (args: Parameters<QueryRunner["query"]>): Promise<unknown> => {
        const waits = options.lockWaits;
        for (let attempt = 0; ; attempt++) {
            try {
                const cleanup = attempt > 0 ? (waits as LockWaits).beforeResending(args[0]) : null;
                if (cleanup !== null) await queryRunner.query(cleanup);
                return await queryRunner.query(...args);
            } catch (error) {
                if (waits === undefined || !waits.isTimeout(error)) throw error;
                if (attempt >= waits.retries) {
                    throw new LockWaitError(
                        `${oneLine(args[0])} timed out waiting for a lock on every try (lock_timeout ${waits.timeoutMs} ms, ${attempt + 1} tries): ${(error as Error).message}`,
                    );
                }
                await (waits.sleep ?? sleep)(lockRetryDelay(attempt + 1));
            }
        }
    };
    const runner = new Proxy(queryRunner, {
        get(target, property) {
            if (property === "query") return query;
            const value: unknown = Reflect.get(target, property, target);
            // Methods run with the proxy as `this`, so TypeORM's helpers' statements are seen too.
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(runner) : value;
        },
    });
    return {
        runner,
        log: () => ({ applied: [...applied], failed, inDoubt }),
        checkComplete: () => {
            if (skipping()) {
                throw new ResumeMismatchError(
                    `cannot resume: the migration now sends ${writesSeen} statement(s) where the stopped run applied ${skip.length}; nothing was run`,
                );
            }
        },
    };
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a journal write went through; when it cannot, the connection is most likely gone. */
async function settled(write: () => Promise<void>): Promise<boolean> {
    try {
        await write();
        return true;
    } catch {
        return false;
    }
}

/** A statement on one line for a message: whitespace runs collapsed, cut to `max` characters with an ellipsis. */
export function oneLine(sql: string, max = 120): string {
    const flat = sql.replace(/\s+/g, " ").trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
