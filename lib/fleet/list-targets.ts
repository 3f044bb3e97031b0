import type { DataSource } from "typeorm";
import type { NamedTarget, TargetSource } from "../config/config";
import { dialectForDriver } from "../dialects/registry";
import { loadUserModule } from "../load/load-user-module";
import { maskCredentials } from "../load/mask-credentials";
import { connectForMigrations } from "../runner/connect";
import type { FleetTarget } from "./fleet-target";
import { TargetsError } from "./errors";
import { dataSourceForTarget } from "./target-data-source";

/**
 * The targets a bind's `targets` setting names, in order. `dataSource` is the bind's, not connected
 * (pointed at another database by `--url` or `urlFromEnv` where asked): a schema pattern is listed
 * in its database, and a module's function is given it.
 */
export async function listTargets(source: TargetSource, dataSource: DataSource): Promise<FleetTarget[]> {
    if (!isList(source) && "schemas" in source) return schemaTargets(source.schemas, dataSource);
    const [list, from] = await urlList(source, dataSource);
    const targets = urlTargets(list, from);
    // A URL of another kind, or none at all, is bad input before any target runs.
    const { runtime } = dialectForDriver(dataSource.options.type);
    for (const { name, url } of targets) {
        const kind = runtime.connectionUrl(url ?? "").kind;
        if (kind !== "options") {
            throw new TargetsError(`targets: ${from} gives ${name}, ${kind === "not-a-url" ? "not a connection URL" : `not a ${dataSource.options.type} URL`}`);
        }
    }
    return targets;
}

async function urlList(source: Exclude<TargetSource, { readonly schemas: string }>, dataSource: DataSource): Promise<[unknown, string]> {
    if (isList(source)) return [source, "the bind's `targets`"];
    if ("env" in source) {
        const value = process.env[source.env];
        if (value === undefined || value.trim() === "") throw new TargetsError(`targets: the environment variable ${source.env} is not set`);
        return [value.split(/[\s,]+/).filter((url) => url !== ""), source.env];
    }
    return [await targetsFromModule(source.module, dataSource), source.module];
}

function isList(source: TargetSource): source is readonly (string | NamedTarget)[] {
    return Array.isArray(source);
}

async function targetsFromModule(file: string, dataSource: DataSource): Promise<unknown> {
    const exported: unknown = await loadUserModule(file, "targets module");
    // `module.exports = async () => [...]` is the module itself; ES modules and `exports.targets` name it.
    const named = exported as { readonly default?: unknown; readonly targets?: unknown };
    const list = typeof exported === "function" ? exported : (named.default ?? named.targets);
    if (typeof list !== "function") throw new TargetsError(`targets: ${file} must export (default, or as \`targets\`) an async function returning the targets`);
    try {
        return await (list as (options: { dataSource: DataSource }) => unknown)({ dataSource });
    } finally {
        // A module that connected the bind's data source to read its tenants leaves it open: an open pool keeps the process alive.
        if (dataSource.isInitialized) await dataSource.destroy();
    }
}

function urlTargets(list: unknown, from: string): FleetTarget[] {
    if (!Array.isArray(list)) throw new TargetsError(`targets: ${from} gave ${typeof list}, not a list of URLs or { name, url }`);
    const targets = (list as unknown[]).map((entry): FleetTarget => {
        if (typeof entry === "string" && entry !== "") return { name: nameOfUrl(entry), url: entry };
        const named = entry as Partial<NamedTarget> | null;
        if (typeof named?.url === "string" && (named.name === undefined || typeof named.name === "string")) {
            return { name: named.name ?? nameOfUrl(named.url), url: named.url };
        }
        throw new TargetsError(`targets: ${from} gave ${maskCredentials(JSON.stringify(entry) ?? String(entry))}, not a URL or { name, url }`);
    });
    const seen = new Set<string>();
    const repeated = targets.filter(({ name }) => seen.size === seen.add(name).size).map(({ name }) => name);
    if (repeated.length > 0)
        throw new TargetsError(`targets: ${from} names ${[...new Set(repeated)].join(", ")} more than once`, "give each { name, url } a name of its own");
    return targets;
}

/** `host:port/database` of a connection URL, without credentials; the text itself (masked) when it is not a URL. */
function nameOfUrl(url: string): string {
    try {
        const parsed = new URL(url);
        return `${parsed.host}${decodeURIComponent(parsed.pathname)}` || maskCredentials(url);
    } catch {
        return maskCredentials(url);
    }
}

async function schemaTargets(pattern: string, dataSource: DataSource): Promise<FleetTarget[]> {
    const { schemaTargets: schemas } = dialectForDriver(dataSource.options.type).runtime;
    if (schemas === null) throw new TargetsError(`targets: { schemas: "${pattern}" } needs a database with schemas; ${dataSource.options.type} has none`);
    const probe = dataSourceForTarget(dataSource, { name: "schema list" });
    await connectForMigrations(probe);
    try {
        const rows = await probe.query<{ name: string }[]>(schemas.listSql, [globToRegExp(pattern)]);
        return rows.map(({ name }) => ({ name, schema: name }));
    } finally {
        await probe.destroy();
    }
}

/** `tenant_*` → `^tenant_.*$`: `*` any characters, `?` one, everything else as itself. */
export function globToRegExp(pattern: string): string {
    const body = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&"))).join("");
    return `^${body}$`;
}
