import { randomBytes } from "node:crypto";
import type { ServerKind } from "../fixture/data-source-source";
import { mysqlConfig, pgConfig, query } from "../measure/server-query";
import { targetsEnv } from "./fixture";
import type { FleetCase } from "./options";

// Every database this bench makes is named tm_bench_fleet_<random>_... and dropped by
// `dropAllDatabases`, which the runner calls on every exit path.
const created = new Map<string, ServerKind>();
let stopped = false;

const quoted = (kind: ServerKind, name: string) => (kind === "postgres" ? `"${name}"` : `\`${name}\``);

async function createDatabase(kind: ServerKind, name: string): Promise<void> {
    if (stopped) throw new Error("bench:fleet is stopping: no new databases");
    created.set(name, kind);
    await query(kind, undefined, `CREATE DATABASE ${quoted(kind, name)}`);
}

async function dropDatabase(name: string): Promise<void> {
    const kind = created.get(name);
    if (kind === undefined) return;
    await query(kind, undefined, `DROP DATABASE IF EXISTS ${quoted(kind, name)}${kind === "postgres" ? " WITH (FORCE)" : ""}`);
    created.delete(name);
}

/** Drops every database the bench made, and refuses to make more (the timed work may still be unwinding). */
export async function dropAllDatabases(): Promise<void> {
    stopped = true;
    for (const name of [...created.keys()]) await dropDatabase(name).catch(() => undefined);
}

/** `work` over `items`, `parallel` at a time (setting up and resetting hundreds of databases). */
async function eachOf<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < items.length) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

/** A case's targets on the server, made fresh (untimed) before each timed upgrade. */
export interface Fleet {
    /** What the CLI's environment adds: the bind's database (`FLEET_DB`) and, for databases, the targets' URLs. */
    readonly env: Readonly<Record<string, string>>;
    /** The databases whose connections the sampler counts: the bind's, and every target database. */
    readonly databases: readonly string[];
    /** Targets as `upgrade` has never seen them: no tables, no migrations table. */
    reset(): Promise<void>;
    /** Tables the upgrade left in the bind's own database (a databases case: none, its targets are elsewhere). */
    strayTables(): Promise<number>;
    dispose(): Promise<void>;
}

const targetName = (i: number) => `t_${String(i + 1).padStart(3, "0")}`;

/**
 * The fleet of a case. Schemas: one database, dropped and made again with `targets` empty schemas
 * `t_001`... before each run. PostgreSQL databases: made once (a CREATE DATABASE costs a quarter of a
 * second here), `public` dropped and made again in each before each run. MariaDB databases: dropped
 * and made again before each run.
 */
export async function makeFleet(fleetCase: FleetCase, targets: number): Promise<Fleet> {
    const { kind, shape } = fleetCase;
    const prefix = `tm_bench_fleet_${randomBytes(4).toString("hex")}`;
    const home = `${prefix}_home`;
    const names = Array.from({ length: targets }, (_, i) => `${prefix}_${targetName(i)}`);
    const strayTables = async () => {
        const rows =
            kind === "postgres"
                ? await query(kind, home, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")
                : await query(kind, undefined, `SELECT count(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${home}'`);
        return Number(rows[0]?.n ?? 0);
    };
    if (shape === "schemas") {
        const schemas = Array.from({ length: targets }, (_, i) => `CREATE SCHEMA ${targetName(i)};`).join("\n");
        return {
            env: { FLEET_DB: home },
            databases: [home],
            reset: async () => {
                await dropDatabase(home);
                await createDatabase(kind, home);
                await query(kind, home, schemas);
            },
            strayTables,
            dispose: () => dropDatabase(home),
        };
    }
    const url = (name: string) => {
        if (kind === "postgres") {
            const c = pgConfig(name);
            return `postgres://${encodeURIComponent(c.user)}${c.password ? `:${encodeURIComponent(c.password)}` : ""}@${c.host}:${c.port}/${name}`;
        }
        const c = mysqlConfig();
        return `mariadb://${encodeURIComponent(c.user)}${c.password ? `:${encodeURIComponent(c.password)}` : ""}@${c.host}:${c.port}/${name}`;
    };
    const env = { FLEET_DB: home, [targetsEnv]: names.map(url).join("\n") };
    const all = [home, ...names];
    if (kind === "postgres") {
        await eachOf(all, 4, (name) => createDatabase(kind, name));
        let used = false;
        return {
            env,
            databases: all,
            reset: async () => {
                if (used) await eachOf(all, 4, async (name) => void (await query(kind, name, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")));
                used = true;
            },
            strayTables,
            dispose: () => eachOf(all, 4, dropDatabase),
        };
    }
    return {
        env,
        databases: all,
        reset: async () => {
            for (const name of all) {
                await dropDatabase(name);
                await createDatabase(kind, name);
            }
        },
        strayTables,
        dispose: async () => {
            for (const name of all) await dropDatabase(name);
        },
    };
}
