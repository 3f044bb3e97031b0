import type { DataSource } from "typeorm";
import type { MetadataRow } from "../schema/model";

/**
 * Tables that are not part of the user's schema: TypeORM's migrations table (the data source's
 * `migrationsTableName`), the runner's dirty-state table, and `typeorm_metadata`, whose rows the
 * model holds as `metadataRows` instead.
 */
export function bookkeepingTables(dataSource: DataSource): ReadonlySet<string> {
    const migrations = (dataSource.options as { migrationsTableName?: string }).migrationsTableName ?? "migrations";
    return new Set([migrations, dirtyTableName, TYPEORM_METADATA_TABLE]);
}

/**
 * The runner's journal of a migration that runs outside a transaction (lib/runner/dirty-state.ts).
 * The table exists only while the bind is dirty, so a clean database holds nothing but TypeORM's
 * migrations table.
 */
export const dirtyTableName = "typeorm_migrate_dirty";

/** The model and the dialects know only TypeORM's default metadata table name. */
export const TYPEORM_METADATA_TABLE = "typeorm_metadata";

const metadataRowTypes = new Set(["VIEW", "MATERIALIZED_VIEW", "GENERATED_COLUMN"]);

/** A row of TypeORM's metadata table, as its columns hold it (NULL where TypeORM writes none). */
export interface TypeormMetadataTableRow {
    readonly type: string;
    readonly schema?: string | null;
    readonly table: string | null;
    readonly name: string | null;
    readonly value: string | null;
}

/**
 * The rows of TypeORM's metadata table the model holds (views and generated columns; TypeORM
 * writes others there too). `schema` is "" where the dialect has none (MySQL stores the database).
 */
export function toMetadataRows(rows: readonly TypeormMetadataTableRow[], withSchema: boolean): MetadataRow[] {
    return rows
        .filter((row) => metadataRowTypes.has(String(row.type)))
        .map((row) => ({
            type: row.type as MetadataRow["type"],
            schema: withSchema ? String(row.schema ?? "") : "",
            table: String(row.table ?? ""),
            name: String(row.name ?? ""),
            value: String(row.value ?? ""),
        }));
}
