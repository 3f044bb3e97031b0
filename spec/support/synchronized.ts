import type { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { Catalog } from "./catalog/catalog";
import type { DialectHarness } from "./dialect-harness";

export interface SynchronizeOptions {
    /** PostgreSQL schemas to create first: TypeORM 1.1.1's synchronize() does not create them. */
    readonly schemas?: readonly string[];
}

/**
 * What TypeORM's own `synchronize()` builds from `build`'s entities on a fresh database, after
 * creating the schemas they need.
 */
export async function synchronizedCatalogOf(
    harness: DialectHarness,
    build: (options: BlogDataSourceOptions) => DataSource,
    options: SynchronizeOptions = {},
): Promise<Catalog> {
    const db = await harness.createDatabase();
    const dataSource = build(db.options);
    try {
        await dataSource.initialize();
        if (harness.name === "postgres") {
            for (const schema of options.schemas ?? []) await dataSource.query(`CREATE SCHEMA "${schema.replaceAll('"', '""')}"`);
        }
        await dataSource.synchronize();
        return await harness.dump(dataSource);
    } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
        await db.drop();
    }
}
