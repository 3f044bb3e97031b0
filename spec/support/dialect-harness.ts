import type { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { Catalog } from "./catalog/catalog";
import { dumpMysqlCatalog } from "./catalog/mysql";
import { dumpPostgresCatalog } from "./catalog/postgres";
import { dumpSqliteCatalog } from "./catalog/sqlite";
import { createMysqlDatabase, createPostgresDatabase, createSqliteFile } from "./databases";

/** A scratch database on one dialect: how to point a blog data source at it, and how to drop it. */
export interface ScratchDatabase {
    readonly options: BlogDataSourceOptions;
    readonly drop: () => Promise<void>;
}

/** What the real-database tests need of a dialect, so one scenario runs on each. */
export interface DialectHarness {
    readonly name: "postgres" | "sqlite" | "mysql" | "mariadb";
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
 * A MySQL-family driver type on the MySQL / MariaDB server (MariaDB 10.11 here). Not in
 * `harnesses`: the specs iterating those write PostgreSQL-style double-quoted SQL; the
 * spec/e2e/mysql-*.spec.ts files use these.
 */
function mysqlFamilyHarness(type: "mysql" | "mariadb"): DialectHarness {
    return {
        name: type,
        async createDatabase() {
            const db = await createMysqlDatabase();
            // BlogDataSourceOptions does not list the MySQL types (yet); buildBlogDataSource passes them through.
            return { options: { ...db.options, type } as unknown as BlogDataSourceOptions, drop: () => db.drop() };
        },
        dump: (dataSource) => dumpMysqlCatalog((sql: string, params?: unknown[]) => dataSource.query(sql, params)),
    };
}

export const mysqlHarness = mysqlFamilyHarness("mysql");
export const mariadbHarness = mysqlFamilyHarness("mariadb");
export const mysqlHarnesses: readonly DialectHarness[] = [mysqlHarness, mariadbHarness];

/**
 * The catalog TypeORM's own `synchronize()` builds from `dataSource`'s entities on a fresh database:
 * what every migration-built database is compared with.
 */
export async function synchronizedCatalog(harness: DialectHarness, build: (options: BlogDataSourceOptions) => DataSource): Promise<Catalog> {
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
