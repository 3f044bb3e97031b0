import type { DataSource } from "typeorm";
import { withIndexedMetadataArgs } from "../typeorm";

/**
 * Connects a data source for running migrations, with everything that would change the schema
 * behind the migrations' back switched off: synchronize, migrationsRun, dropSchema, and the
 * extensions PostgreSQL's driver installs on connect (a migration creates those it needs).
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
    // Not every driver's options type has it; PostgreSQL's driver reads it from these same options.
    (dataSource.options as { installExtensions?: boolean }).installExtensions = false;
    return withIndexedMetadataArgs(() => dataSource.initialize());
}
