import { createHash } from "node:crypto";
import type { QueryRunner } from "typeorm";
import type { Dialect } from "../schema/model";

/** Any advisory lock key works if every deployer uses the same: this one spells "tmigrate". */
const advisoryLockKey = "7453496763656701";

/**
 * Holds the bind's migration lock on `queryRunner`'s connection while `work` runs, so that a
 * second deployer waits instead of applying the same migrations at once; released on every path.
 * PostgreSQL: a session advisory lock. MySQL/MariaDB: a named GET_LOCK. SQLite serializes writers
 * itself (and the runner's transactions take its write lock).
 */
export async function withMigrationLock<T>(queryRunner: QueryRunner, dialect: Dialect, work: () => Promise<T>): Promise<T> {
    switch (dialect) {
        case "postgres":
            return holding(queryRunner, `SELECT pg_advisory_lock(${advisoryLockKey})`, `SELECT pg_advisory_unlock(${advisoryLockKey})`, work);
        case "mysql":
            return holdingMysqlLock(queryRunner, work);
        case "sqlite":
            return work();
    }
}

async function holding<T>(queryRunner: QueryRunner, lock: string, unlock: string, work: () => Promise<T>): Promise<T> {
    await queryRunner.query(lock);
    try {
        return await work();
    } finally {
        await queryRunner.query(unlock);
    }
}

// GET_LOCK names are server-wide, so the name carries the database; MySQL caps it at 64 characters.
async function holdingMysqlLock<T>(queryRunner: QueryRunner, work: () => Promise<T>): Promise<T> {
    const [{ db }] = (await queryRunner.query("SELECT DATABASE() AS db")) as { db: string }[];
    const name = mysqlLockName(db);
    for (;;) {
        const [{ got }] = (await queryRunner.query("SELECT GET_LOCK(?, 60) AS got", [name])) as { got: number | string | null }[];
        if (Number(got) === 1) break;
    }
    try {
        return await work();
    } finally {
        await queryRunner.query("SELECT RELEASE_LOCK(?)", [name]);
    }
}

/** The GET_LOCK name of a MySQL/MariaDB database's migration lock. */
export function mysqlLockName(database: string): string {
    return `typeorm_migrate:${createHash("sha1").update(database).digest("hex").slice(0, 40)}`;
}
