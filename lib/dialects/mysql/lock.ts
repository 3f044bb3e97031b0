import { createHash } from "node:crypto";
import type { QueryRunner } from "typeorm";
import { lockAnswer, type MigrationLock } from "../runtime";

/** A named GET_LOCK, one per database: the server lets go of it when the connection drops (the process is killed). */
export async function mysqlMigrationLock(queryRunner: QueryRunner): Promise<MigrationLock> {
    const [{ db }] = (await queryRunner.query("SELECT DATABASE() AS db")) as { db: string }[];
    const name = mysqlLockName(db);
    return {
        attempt: async () => lockAnswer((await queryRunner.query("SELECT GET_LOCK(?, 1) AS got", [name])) as { got: unknown }[]),
        unlock: () => queryRunner.query("SELECT RELEASE_LOCK(?)", [name]),
        describe: () => `named lock ${name}`,
    };
}

/** The GET_LOCK name of a MySQL/MariaDB database's migration lock (names are server-wide; 64 characters at most). */
export function mysqlLockName(database: string): string {
    return `typeorm_migrate:${createHash("sha1").update(database).digest("hex").slice(0, 40)}`;
}
