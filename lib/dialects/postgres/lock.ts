import type { DataSource, QueryRunner } from "typeorm";
import { lockAnswer, type MigrationLock } from "../runtime";
import { quoteLiteral } from "./quote";

/** Any advisory lock key works if every deployer uses the same: this one spells "tmigrate". */
const databaseLockKey = "7453496763656701";
/** With a schema named, the two-key form (a space of its own): this class, and the schema's hash. */
const schemaLockClass = 745349676;

/**
 * Data sources made for one tenant of a fleet of schemas. Only they lock per schema: any other data
 * source keeps the database's key, also when it names a schema, so deployers of an earlier release
 * still wait for each other.
 */
const perSchema = new WeakSet<DataSource>();

export function lockPerSchema(dataSource: DataSource): void {
    perSchema.add(dataSource);
}

/**
 * A session advisory lock: the server lets go of it when the connection drops (the process is
 * killed). A tenant's data source (see `lockPerSchema`) locks its schema only.
 */
export async function postgresMigrationLock(queryRunner: QueryRunner): Promise<MigrationLock> {
    const { schema } = queryRunner.connection.options as { readonly schema?: string };
    const tenant = perSchema.has(queryRunner.connection) ? schema : undefined;
    const advisoryLockKey = tenant === undefined ? databaseLockKey : `${schemaLockClass}, hashtext(${quoteLiteral(tenant)})`;
    return {
        attempt: async () => lockAnswer((await queryRunner.query(`SELECT pg_try_advisory_lock(${advisoryLockKey}) AS "got"`)) as { got: unknown }[]),
        unlock: () => queryRunner.query(`SELECT pg_advisory_unlock(${advisoryLockKey})`),
        describe: () => (tenant === undefined ? `advisory lock ${advisoryLockKey}` : `advisory lock of schema ${quoteLiteral(tenant)}`),
    };
}
