import type { MigrationLock } from "../dialects/runtime";
import { LockTimeoutError } from "./errors";

export interface LockOptions {
    /** Give up after this long (default: wait as long as it takes). */
    readonly timeoutMs?: number;
}

const pollMs = 250;

/**
 * Holds the bind's migration lock (the dialect's: see `DialectRuntime.migrationLock`) while `work`
 * runs, so that a second deployer waits instead of applying the same migrations at once; released
 * on every path (and by the server itself when the connection drops, e.g. the process is killed).
 * `lock` null: no other process can reach the database, and `work` runs at once.
 */
export async function withMigrationLock<T>(lock: MigrationLock | null, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    if (lock === null) return work();
    const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
    while (!(await lock.attempt())) {
        if (Date.now() >= deadline) {
            throw new LockTimeoutError(
                `another deployer held the migration lock for more than ${Math.round((options.timeoutMs ?? 0) / 1000)} s; nothing was run (${lock.describe()})`,
            );
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    let result: T;
    try {
        result = await work();
    } catch (error) {
        // On a connection that is gone the unlock fails too; the work's own error is the one to report.
        await lock.unlock().catch(() => undefined);
        throw error;
    }
    await lock.unlock();
    return result;
}
