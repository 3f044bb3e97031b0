import { randomBytes } from "node:crypto";
import { DataSource, type DataSourceOptions } from "typeorm";
import { dialectOf } from "../entities/dialect-of";
import { connectForMigrations } from "../runner/connect";

/** A throwaway database on the bind's own server, connected for running migrations. */
export interface ScratchDatabase {
    readonly dataSource: DataSource;
    readonly name: string;
    drop(): Promise<void>;
}

/**
 * Creates an empty database beside the bind's (same server, same credentials; SQLite: in memory)
 * and connects to it. `bind` must be connected; it runs the CREATE and DROP.
 */
export async function createScratchDatabase(bind: DataSource): Promise<ScratchDatabase> {
    const dialect = dialectOf(bind.options.type);
    const name = `tm_verify_${randomBytes(5).toString("hex")}`;
    const base = { ...bind.options, entities: [], migrations: [], subscribers: [] } as Record<string, unknown>;
    if (dialect === "sqlite") {
        const dataSource = await connectForMigrations(new DataSource({ ...base, database: ":memory:" } as DataSourceOptions));
        return { dataSource, name: ":memory:", drop: () => dataSource.destroy() };
    }
    const quoted = dialect === "postgres" ? `"${name}"` : `\`${name}\``;
    await bind.query(`CREATE DATABASE ${quoted}`);
    const url = typeof base.url === "string" ? withDatabase(base.url, name) : undefined;
    const dataSource = new DataSource({ ...base, database: name, ...(url === undefined ? {} : { url }) } as DataSourceOptions);
    const drop = async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        await bind.query(dialect === "postgres" ? `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${quoted}`);
    };
    try {
        await connectForMigrations(dataSource);
    } catch (error) {
        await drop();
        throw error;
    }
    return { dataSource, name, drop };
}

function withDatabase(url: string, database: string): string {
    const parsed = new URL(url);
    parsed.pathname = `/${database}`;
    return parsed.toString();
}
