import { randomBytes } from "node:crypto";
import { DataSource, type DataSourceOptions } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { connectForMigrations } from "../runner/connect";

/** A throwaway database on the bind's own server, connected for running migrations. */
export interface ScratchDatabase {
    readonly dataSource: DataSource;
    readonly name: string;
    drop(): Promise<void>;
}

/**
 * Creates an empty database beside the bind's (same server, same credentials; where the dialect has
 * them, in memory: see `DialectRuntime.scratchDatabase`) and connects to it. `bind` must be
 * connected; it runs the CREATE and DROP.
 */
export async function createScratchDatabase(bind: DataSource): Promise<ScratchDatabase> {
    const base = { ...bind.options, entities: [], migrations: [], subscribers: [] } as Record<string, unknown>;
    const name = `tm_verify_${randomBytes(5).toString("hex")}`;
    const plan = dialectForDriver(bind.options.type).runtime.scratchDatabase(name, typeof base.url === "string" ? base.url : undefined);
    if (plan.create !== undefined) await bind.query(plan.create);
    const dataSource = new DataSource({ ...base, database: plan.database, ...(plan.url === undefined ? {} : { url: plan.url }) } as DataSourceOptions);
    const drop = async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        if (plan.drop !== undefined) await bind.query(plan.drop);
    };
    try {
        await connectForMigrations(dataSource);
    } catch (error) {
        await drop();
        throw error;
    }
    return { dataSource, name: plan.database, drop };
}
