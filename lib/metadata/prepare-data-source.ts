import type { DataSource } from "typeorm";
import type { Dialect } from "../schema/model";

/** What the live server would tell TypeORM; offline we assume it. */
export interface ServerAssumptions {
    /** Server version TypeORM's version-dependent choices follow (default: current LTS of each server). */
    readonly serverVersion?: string;
}

const defaultServerVersion: Record<Dialect, string> = {
    postgres: "15.0",
    mysql: "10.11.0",
    sqlite: "3.45.0",
};

/**
 * Builds entity metadata without a connection and fills in what TypeORM's driver would otherwise
 * learn from the server at connect time (version, current schema), so the normalized column
 * options equal the ones `synchronize()` would use.
 */
export async function prepareOffline(dataSource: DataSource, dialect: Dialect, assumptions: ServerAssumptions = {}): Promise<void> {
    const driver = dataSource.driver as unknown as Record<string, unknown>;
    driver.version ??= assumptions.serverVersion ?? defaultServerVersion[dialect];
    if (dialect === "postgres") {
        const schema = (dataSource.options as { schema?: string }).schema ?? "public";
        driver.schema ??= schema;
        driver.searchSchema ??= schema;
        // Set by PostgresDriver.afterConnect from the server version; generated columns need 12+.
        driver.isGeneratedColumnsSupported = Number.parseFloat(String(driver.version)) >= 12;
    }
    if (!dataSource.isInitialized && dataSource.entityMetadatas.length === 0) {
        await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    }
}
