import type { DataSource } from "typeorm";
import type { Dialect } from "../schema/model";
import { assumeConnectedServer, buildMetadataOffline } from "../typeorm";

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
    const mariadb = dataSource.options.type === "mariadb";
    assumeConnectedServer(dataSource, {
        version: assumptions.serverVersion ?? (mariadb ? defaultMariadbVersion : defaultServerVersion[dialect]),
        schema: dialect === "postgres" ? ((dataSource.options as { schema?: string }).schema ?? "public") : undefined,
    });
    await buildMetadataOffline(dataSource);
}
