import type { QueryRunner } from "typeorm";
import { lockAnswer, type MigrationLock } from "../runtime";
import { quoteLiteral } from "./quote";

/** Any advisory lock key works if every deployer uses the same: this one spells "tmigrate". */
const databaseLockKey = "7453496763656701";
/** With a schema named, the two-key form (a space of its own): this class, and the schema's hash. */
const schemaLockClass = 745349676;

/**
 * A session advisory lock: the server lets go of it when the connection drops (the process is
 * killed). A data source that names its schema (a tenant's, in a fleet) locks that schema only, so
 * tenants of one database migrate side by side.
 */
export async function postgresMigrationLock(queryRunner: QueryRunner): Promise<MigrationLock> {
    const { schema } = queryRunner.connection.options as { readonly schema?: string };
    const advisoryLockKey = schema === undefined ? databaseLockKey : `${schemaLockClass}, hashtext(${quoteLiteral(schema)})`;
    return {
        attempt: async () => lockAnswer((await queryRunner.query(`SELECT pg_try_advisory_lock(${advisoryLockKey}) AS "got"`)) as { got: unknown }[]),
        unlock: () => queryRunner.query(`SELECT pg_advisory_unlock(${advisoryLockKey})`),
        describe: () => (schema === undefined ? `advisory lock ${advisoryLockKey}` : `advisory lock of schema ${quoteLiteral(schema)}`),
    };
}
