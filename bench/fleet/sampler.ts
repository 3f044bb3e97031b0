import { createConnection } from "mysql2/promise";
import { Client } from "pg";
import type { ServerKind } from "../fixture/data-source-source";
import { mysqlConfig, pgConfig } from "../measure/server-query";

/** What the sampler saw while one upgrade ran. */
export interface ConnectionPeak {
    /** The most connections to the run's databases seen at once (the sampler's own not counted). */
    readonly peak: number;
    readonly samples: number;
    /** The mean time between samples: the target is 20 ms, a loaded machine stretches it. */
    readonly meanIntervalMs: number;
    /** At the (first) peak: one line per connection (database, application, state, statement), to say who held them. */
    readonly atPeak: readonly string[];
}

export interface Sampler {
    stop(): Promise<ConnectionPeak>;
}

type Snapshot = () => Promise<string[]>;

async function pgSnapshot(databases: readonly string[]): Promise<{ snapshot: Snapshot; close: () => Promise<void> }> {
    const client = new Client(pgConfig("postgres"));
    await client.connect();
    const sql = `SELECT datname, application_name, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
        FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()`;
    return {
        snapshot: async () => {
            const { rows } = await client.query<Record<string, string | null>>(sql, [databases]);
            return rows.map((r) => `${r.datname} [${r.application_name}] ${r.state}: ${r.query}`);
        },
        close: () => client.end(),
    };
}

async function mariadbSnapshot(databases: readonly string[]): Promise<{ snapshot: Snapshot; close: () => Promise<void> }> {
    const connection = await createConnection(mysqlConfig());
    const list = databases.map((name) => connection.escape(name)).join(", ");
    const sql = `SELECT DB, COMMAND, STATE, LEFT(INFO, 100) AS INFO FROM information_schema.PROCESSLIST WHERE DB IN (${list}) AND ID <> CONNECTION_ID()`;
    return {
        snapshot: async () => {
            const [rows] = await connection.query(sql);
            return (rows as Record<string, string | null>[]).map((r) => `${r.DB} ${r.COMMAND} ${r.STATE ?? ""}: ${r.INFO ?? ""}`);
        },
        close: () => connection.end(),
    };
}

/**
 * Counts, every `intervalMs` from a connection of its own, the server's connections to `databases`
 * (PostgreSQL `pg_stat_activity`, MariaDB `information_schema.PROCESSLIST` by current database), until
 * stopped. Only connections with one of the run's databases count: the machine's other users have theirs.
 */
export async function startSampler(kind: ServerKind, databases: readonly string[], intervalMs = 20): Promise<Sampler> {
    const { snapshot, close } = kind === "postgres" ? await pgSnapshot(databases) : await mariadbSnapshot(databases);
    let stopped = false;
    let peak = 0;
    let atPeak: string[] = [];
    let samples = 0;
    const started = Date.now();
    const loop = (async () => {
        while (!stopped) {
            const at = Date.now();
            const rows = await snapshot();
            samples++;
            if (rows.length > peak) {
                peak = rows.length;
                atPeak = rows;
            }
            const wait = intervalMs - (Date.now() - at);
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
    })();
    return {
        stop: async () => {
            stopped = true;
            try {
                await loop;
            } finally {
                await close();
            }
            return { peak, samples, meanIntervalMs: samples === 0 ? Number.NaN : (Date.now() - started) / samples, atPeak };
        },
    };
}
