import type { DataSource } from "typeorm";
import { dirtyTableName } from "../runner/dirty-state";

/**
 * Tables that are not part of the user's schema: TypeORM's migrations table (the data source's
 * `migrationsTableName`), the runner's dirty-state table, and `typeorm_metadata`, whose rows the
 * model holds as `metadataRows` instead.
 */
export function bookkeepingTables(dataSource: DataSource): ReadonlySet<string> {
    const migrations = (dataSource.options as { migrationsTableName?: string }).migrationsTableName ?? "migrations";
    return new Set([migrations, dirtyTableName, METADATA_TABLE]);
}

/** The model and the dialects know only TypeORM's default metadata table name. */
export const METADATA_TABLE = "typeorm_metadata";
