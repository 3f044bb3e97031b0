import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { distRoot, runCli, type CliRun } from "./run-cli";
import { startCli } from "./start-cli";

/** A temporary project driving the CLI on a fleet: its config file, its migrations folder, and the CLI run in it. */
export interface FleetProject {
    readonly cwd: string;
    /** Writes `typeorm-migrate.config.json` with these binds. */
    writeConfig(binds: Record<string, unknown>): void;
    /** Writes a file of the project (a data source, a targets module). */
    writeFile(name: string, text: string): void;
    /** Runs the CLI to its end (`--dir migrations` added). */
    cli(args: readonly string[], env?: Record<string, string>): CliRun;
    /** Starts the CLI without waiting (`--dir migrations` added). */
    start(args: readonly string[], env?: Record<string, string>): ReturnType<typeof startCli>;
    remove(): void;
}

export function fleetProject(env: () => Record<string, string>): FleetProject {
    const cwd = mkdtempSync(join(tmpdir(), "tm-fleet-"));
    const withDir = (args: readonly string[]) => [...args, "--dir", "migrations"];
    return {
        cwd,
        writeConfig: (binds) => writeFileSync(join(cwd, "typeorm-migrate.config.json"), JSON.stringify({ binds }, null, 2)),
        writeFile: (name, text) => writeFileSync(join(cwd, name), text),
        cli: (args, extra = {}) => runCli(withDir(args), { cwd, env: { ...env(), ...extra } }),
        start: (args, extra = {}) => startCli(withDir(args), { cwd, env: { ...env(), ...extra } }),
        remove: () => rmSync(cwd, { recursive: true, force: true }),
    };
}

/** A data source file of a project: the compiled blog fixture of $FLEET_BLOG_VERSION (default v1), on a database no target is. */
export function blogDataSourceModule(type: "postgres" | "mariadb"): string {
    const fixture = JSON.stringify(`${distRoot}/fixtures/blog/`);
    return `exports.default = require(${fixture} + (process.env.FLEET_BLOG_VERSION || "v1") + "/index.js").blogDataSource({ type: ${JSON.stringify(type)}, database: "tm_fleet_not_a_target" });\n`;
}

/** Runs `work` on a data source without entities connected to `options` (a target's own database), closed after. */
export async function onDatabase<T>(options: object, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = new DataSource({ ...options, entities: [] } as never);
    await dataSource.initialize();
    try {
        return await work(dataSource);
    } finally {
        await dataSource.destroy();
    }
}

/** The revision id `generate` printed. */
export function generatedRevision(run: CliRun): string {
    const match = /\(revision (\w+)\)/.exec(run.stdout);
    if (match === null) throw new Error(`generate printed no revision:\n${run.stdout}\n${run.stderr}`);
    return match[1];
}

/** One target's line of a summary table. */
export interface SummaryLine {
    readonly from: string;
    readonly to: string;
    readonly status: string;
}

/** The summary table's rows by target (with several binds, its lines start with `[bind] `). */
export function summaryOf(stdout: string, bind?: string): Map<string, SummaryLine> {
    const prefix = bind === undefined ? "" : `[${bind}] `;
    const lines = stdout.split("\n").filter((line) => line.startsWith(prefix));
    const start = lines.findIndex((line) => line.startsWith(`${prefix}Summary of `));
    if (start < 0) throw new Error(`no summary${bind === undefined ? "" : ` for ${bind}`} in:\n${stdout}`);
    const rows = new Map<string, SummaryLine>();
    for (const line of lines.slice(start + 2)) {
        const cells = line.slice(prefix.length).trim().split(/ {2,}/);
        if (!line.slice(prefix.length).startsWith("  ") || cells.length !== 5) break;
        const [target, from, to, status] = cells;
        rows.set(target, { from, to, status });
    }
    return rows;
}

/** The targets whose summary status starts with `status`, sorted. */
export function targetsWith(summary: Map<string, SummaryLine>, status: string): string[] {
    return [...summary]
        .filter(([, line]) => line.status.startsWith(status))
        .map(([target]) => target)
        .sort();
}

/** A `[k/N] name: status ...` progress line. */
export interface ProgressLine {
    readonly position: number;
    readonly of: number;
    readonly target: string;
    readonly status: string;
    readonly counts: { readonly done: number; readonly failed: number; readonly remaining: number };
}

export function progressOf(output: string): ProgressLine[] {
    const lines: ProgressLine[] = [];
    const pattern = /^(?:\[[\w-]+\] )?\[(\d+)\/(\d+)\] (\S+): (.*) \((\d+) done, (\d+) failed, (\d+) remaining\)$/gm;
    for (const m of output.matchAll(pattern)) {
        lines.push({
            position: Number(m[1]),
            of: Number(m[2]),
            target: m[3],
            status: m[4],
            counts: { done: Number(m[5]), failed: Number(m[6]), remaining: Number(m[7]) },
        });
    }
    return lines;
}

/** The most connections to `database` seen while a run went on, sampled from another database every few ms. */
export interface ConnectionWatch {
    /** Stops sampling; the highest count seen, and how many samples were taken. */
    stop(): Promise<{ readonly peak: number; readonly samples: number }>;
    /** The count right now. */
    now(): Promise<number>;
}

export async function watchPostgresConnections(maintenanceUrl: string, database: string): Promise<ConnectionWatch> {
    const client = new Client({ connectionString: maintenanceUrl });
    await client.connect();
    const count = async () => (await client.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1", [database])).rows[0].n;
    let peak = 0;
    let samples = 0;
    let running = true;
    const loop = (async () => {
        while (running) {
            peak = Math.max(peak, await count());
            samples++;
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
    })();
    return {
        now: count,
        async stop() {
            running = false;
            await loop;
            await client.end();
            return { peak, samples };
        },
    };
}
