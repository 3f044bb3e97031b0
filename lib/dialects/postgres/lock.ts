import type { QueryRunner } from "typeorm";
import { lockAnswer, type MigrationLock } from "../runtime";

/** Any advisory lock key works if every deployer uses the same: this one spells "tmigrate". */
const advisoryLockKey = "7453496763656701";

/** A session advisory lock: the server lets go of it when the connection drops (the process is killed). */
export async function postgresMigrationLock(queryRunner: QueryRunner): Promise<MigrationLock> {
    return {
        attempt: async () => lockAnswer((await queryRunner.query(`SELECT pg_try_advisory_lock(${advisoryLockKey}) AS "got"`)) as { got: unknown }[]),
        unlock: () => queryRunner.query(`SELECT pg_advisory_unlock(${advisoryLockKey})`),
        describe: () => `advisory lock ${advisoryLockKey}`,
    };
}
