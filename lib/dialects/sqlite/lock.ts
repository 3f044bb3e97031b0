import type { QueryRunner } from "typeorm";
import type { MigrationLock } from "../runtime";
import { databaseFile } from "./database-file";
import { LockFile } from "./lock-file";

/**
 * A lock file beside the database: TypeORM keeps one connection per SQLite database, so a second
 * connection holding an exclusive transaction would lock out the runner's own statements.
 */
export async function sqliteMigrationLock(queryRunner: QueryRunner): Promise<MigrationLock | null> {
    const file = databaseFile(queryRunner.connection.options);
    // An in-memory database belongs to this process alone.
    if (file === null) return null;
    const lock = new LockFile(`${file}.typeorm-migrate.lock`);
    return {
        attempt: async () => lock.tryTake(),
        unlock: async () => lock.release(),
        describe: () => `lock file ${lock.path}, held by ${lock.describeHolder()}`,
    };
}
