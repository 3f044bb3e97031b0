import type { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { Catalog } from "./catalog/catalog";
import { dumpPostgresCatalog } from "./catalog/postgres";
import { dumpSqliteCatalog } from "./catalog/sqlite";
import { createPostgresDatabase, createSqliteFile } from "./databases";

/** A scratch database on one dialect: how to point a blog data source at it, and how to drop it. */
export interface ScratchDatabase {
    readonly options: BlogDataSourceOptions;
    drop(): Promise<void>;
}

/** What the real-database tests need of a dialect, so one scenario runs on each. */
export interface DialectHarness {
    readonly name: "postgres" | "sqlite";
    createDatabase(): Promise<ScratchDatabase>;
    dump(dataSource: DataSource): Promise<Catalog>;
}

export const postgresHarness: DialectHarness = {
    name: "postgres",
    async createDatabase() {
        const db = await createPostgresDatabase();
        return { options: { ...db.options, type: "postgres" }, drop: () => db.drop() };
    },
    dump: (dataSource) => dumpPostgresCatalog((sql: string, params?: unknown[]) => dataSource.query(sql, params)),
};

export const sqliteHarness: DialectHarness = {
    name: "sqlite",
    async createDatabase() {
        const file = createSqliteFile();
        return { options: { type: "better-sqlite3", database: file.path }, drop: async () => file.cleanup() };
    },
    dump: (dataSource) => dumpSqliteCatalog((sql: string) => dataSource.query(sql)),
};

export const harnesses: readonly DialectHarness[] = [postgresHarness, sqliteHarness];

/**
 * The catalog TypeORM's own `synchronize()` builds from `dataSource`'s entities on a fresh database:
 * what every migration-built database is compared with.
 */
export async function synchronizedCatalog(
    harness: DialectHarness,
    build: (options: BlogDataSourceOptions) => DataSource,
): Promise<Catalog> {
    const db = await harness.createDatabase();
    const dataSource = build(db.options);
    try {
        await dataSource.initialize();
        await dataSource.synchronize();
        return await harness.dump(dataSource);
    } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
        await db.drop();
    }
}

export { connectForMigrations } from "../../lib/runner/connect";
