import type { DataSource } from "typeorm";
import type { DialectModule } from "../dialects/dialect";
import { assumeConnectedServer, buildMetadataOffline } from "../typeorm";

/** What the live server would tell TypeORM; offline we assume it. */
export interface ServerAssumptions {
    /** Server version TypeORM's version-dependent choices follow (default: current LTS of each server). */
    readonly serverVersion?: string;
}

/**
 * Builds entity metadata without a connection and fills in what TypeORM's driver would otherwise
 * learn from the server at connect time (version, current schema), so the normalized column
 * options equal the ones `synchronize()` would use. True when it built the metadata (the data source had none).
 */
export async function prepareOffline(dataSource: DataSource, dialect: DialectModule, assumptions: ServerAssumptions = {}): Promise<boolean> {
    assumeServer(dataSource, dialect, assumptions);
    return buildMetadataOffline(dataSource);
}

/** Fills in what TypeORM's driver would learn from the server at connect time (see `prepareOffline`), building nothing. */
export function assumeServer(dataSource: DataSource, dialect: DialectModule, assumptions: ServerAssumptions = {}): void {
    const assumed = dialect.reading.assumedServer;
    assumeConnectedServer(dataSource, {
        version: assumptions.serverVersion ?? assumed.version,
        schema: assumed.schema === undefined ? undefined : ((dataSource.options as { schema?: string }).schema ?? assumed.schema),
    });
}
