import type { DataSource } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { withIndexedMetadataArgs } from "../typeorm";

/**
 * Connects a data source for running migrations, with everything that would change the schema
 * behind the migrations' back switched off: synchronize, migrationsRun, dropSchema, and what the
 * dialect's driver does on connect (PostgreSQL's installs extensions; a migration creates those it needs).
 */
export async function connectForMigrations(dataSource: DataSource, options: { readonly logQueries?: boolean } = {}): Promise<DataSource> {
    dataSource.setOptions({
        synchronize: false,
        migrationsRun: false,
        dropSchema: false,
        // The runner loads each migration itself, after a preflight; TypeORM would require every
        // file of its glob here, and a .ts one in a compiled deploy would fail as a connection error.
        migrations: [],
        ...(options.logQueries ? { logging: ["query", "error"] as const } : {}),
    });
    // Options outside the union's common part (PostgreSQL's installExtensions), which the driver reads from these same options.
    Object.assign(dataSource.options, dialectForDriver(dataSource.options.type).runtime.migrationConnectionOptions);
    return withIndexedMetadataArgs(() => dataSource.initialize());
}
