import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { QueryRunner } from "typeorm";
import { LockFile } from "./lock-file";
import type { Dialect } from "../schema/model";
import { LockTimeoutError } from "./errors";

/** Any advisory lock key works if every deployer uses the same: this one spells "tmigrate". */
const advisoryLockKey = "7453496763656701";

export interface LockOptions {
    /** Give up after this long (default: wait as long as it takes). */
    readonly timeoutMs?: number;
}

/**
 * Holds the bind's migration lock on `queryRunner`'s connection while `work` runs, so that a
 * second deployer waits instead of applying the same migrations at once; released on every path
 * (and by the server itself when the connection drops, e.g. the process is killed).
 * PostgreSQL: a session advisory lock. MySQL/MariaDB: a named GET_LOCK. SQLite: a lock file beside
 * the database (TypeORM keeps one connection per SQLite database, so a second connection holding an
 * exclusive transaction would lock out the runner's own statements).
 */
export async function withMigrationLock<T>(queryRunner: QueryRunner, dialect: Dialect, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    switch (dialect) {
        case "postgres":
            return holding(options, work, {
                attempt: () => tryLock(queryRunner, `SELECT pg_try_advisory_lock(${advisoryLockKey}) AS "got"`),
                unlock: () => queryRunner.query(`SELECT pg_advisory_unlock(${advisoryLockKey})`),
                describe: () => `advisory lock ${advisoryLockKey}`,
            });
        case "mysql": {
            const [{ db }] = (await queryRunner.query("SELECT DATABASE() AS db")) as { db: string }[];
            const name = mysqlLockName(db);
            return holding(options, work, {
                attempt: () => tryLock(queryRunner, "SELECT GET_LOCK(?, 1) AS got", [name]),
                unlock: () => queryRunner.query("SELECT RELEASE_LOCK(?)", [name]),
                describe: () => `named lock ${name}`,
            });
        }
        case "sqlite": {
            const file = String(queryRunner.connection.options.database ?? "");
            // An in-memory database belongs to this process alone.
            if (file === "" || file === ":memory:") return work();
            const lock = new LockFile(`${resolve(file)}.typeorm-migrate.lock`);
            return holding(options, work, {
                attempt: async () => lock.tryTake(),
                unlock: async () => lock.release(),
                describe: () => `lock file ${lock.path}, held by ${lock.describeHolder()}`,
            });
        }
    }
}

/** The GET_LOCK name of a MySQL/MariaDB database's migration lock (names are server-wide; 64 characters at most). */
export function mysqlLockName(database: string): string {
    return `typeorm_migrate:${createHash("sha1").update(database).digest("hex").slice(0, 40)}`;
}

async function tryLock(queryRunner: QueryRunner, sql: string, parameters?: unknown[]): Promise<boolean> {
    const [{ got }] = (await queryRunner.query(sql, parameters)) as { got: unknown }[];
    return got === true || Number(got) === 1;
}

const pollMs = 250;

/** How one kind of lock is taken, given back, and named in a message. */
interface LockHandle {
    readonly attempt: () => Promise<boolean>;
    readonly unlock: () => Promise<unknown>;
    readonly describe: () => string;
}

async function holding<T>(options: LockOptions, work: () => Promise<T>, lock: LockHandle): Promise<T> {
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
