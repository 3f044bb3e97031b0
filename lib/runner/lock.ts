import type { QueryRunner } from "typeorm";
import type { Dialect } from "../schema/model";

/** Any advisory lock key works if every deployer uses the same: this one spells "tmigrate". */
const advisoryLockKey = "7453496763656701";

/**
 * Holds the bind's migration lock on `queryRunner`'s connection while `work` runs, so that a
 * second deployer waits instead of applying the same migrations at once; released on every path.
 * PostgreSQL: a session advisory lock. SQLite serializes writers itself (and the runner's
 * transactions take its write lock); MySQL's GET_LOCK comes with its dialect.
 */
export async function withMigrationLock<T>(queryRunner: QueryRunner, dialect: Dialect, work: () => Promise<T>): Promise<T> {
    if (dialect !== "postgres") return work();
    await queryRunner.query(`SELECT pg_advisory_lock(${advisoryLockKey})`);
    try {
        return await work();
    } finally {
        await queryRunner.query(`SELECT pg_advisory_unlock(${advisoryLockKey})`);
    }
}
