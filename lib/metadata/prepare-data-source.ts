import type { DataSource } from "typeorm";
import type { Dialect } from "../schema/model";
import { withIndexedMetadataArgs } from "./indexed-metadata-args";

/** What the live server would tell TypeORM; offline we assume it. */
export interface ServerAssumptions {
    /** Server version TypeORM's version-dependent choices follow (default: current LTS of each server). */
    readonly serverVersion?: string;
}

const defaultServerVersion: Record<Dialect, string> = {
    postgres: "15.0",
    mysql: "8.0.0",
    sqlite: "3.45.0",
};

// TypeORM's `mariadb` driver type talks to MariaDB, whose versions (10.x, 11.x) TypeORM compares
// with MariaDB's own thresholds; its `mysql` type is assumed to be MySQL 8.0.
const defaultMariadbVersion = "10.11.0";

/**
 * Builds entity metadata without a connection and fills in what TypeORM's driver would otherwise
 * learn from the server at connect time (version, current schema), so the normalized column
 * options equal the ones `synchronize()` would use.
 */
export async function prepareOffline(dataSource: DataSource, dialect: Dialect, assumptions: ServerAssumptions = {}): Promise<void> {
    const driver = dataSource.driver as unknown as Record<string, unknown>;
    const mariadb = dataSource.options.type === "mariadb";
    driver.version ??= assumptions.serverVersion ?? (mariadb ? defaultMariadbVersion : defaultServerVersion[dialect]);
    if (dialect === "postgres") {
        const schema = (dataSource.options as { schema?: string }).schema ?? "public";
        driver.schema ??= schema;
        driver.searchSchema ??= schema;
        // Set by PostgresDriver.afterConnect from the server version; generated columns need 12+.
        driver.isGeneratedColumnsSupported = Number.parseFloat(String(driver.version)) >= 12;
    }
    if (mariadb) {
        // Set by MysqlDriver.connect: MariaDB 10.7 has a native uuid type, used instead of varchar(36).
        driver.uuidColumnTypeSuported = versionAtLeast(String(driver.version), [10, 7, 0]);
    }
    if (!dataSource.isInitialized && dataSource.entityMetadatas.length === 0) {
        await withIndexedMetadataArgs(() => (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas());
    }
}

function versionAtLeast(version: string, target: readonly number[]): boolean {
    const parts = version.split(".").map((part) => Number.parseInt(part, 10) || 0);
    for (let i = 0; i < target.length; i++) {
        const part = parts[i] ?? 0;
        if (part !== target[i]) return part > target[i];
    }
    return true;
}
