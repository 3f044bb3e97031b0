import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { InstanceChecker, type DataSource } from "typeorm";
import { loadDataSource } from "../load/load-data-source";
import { UserFileError } from "../load/errors";
import { loadUserModule } from "../load/load-user-module";
import { compileErrorSummary } from "../load/typescript-diagnostics";
import { typescriptMigrations, type MigrationFileFormat } from "../render/migration-file";
import { configFileNames, defaultMigrationsDir, type BindOptions, type TargetSource, type TypeormMigrateConfig } from "./config";
import { ConfigError, UnknownBindError } from "./errors";
import { dataSourceLayout } from "./migrations-layout";

/** A bind as the commands use it: where its migrations live and how to get its DataSource. */
export interface ResolvedBind {
    readonly name: string;
    /** Absolute path of the bind's folder: `migrations/<bind>`, or for one bind where its DataSource's `migrations` glob looks. */
    readonly migrationsDir: string;
    /** How new migration files are written there (TypeScript unless the DataSource's glob names JavaScript). */
    readonly migrationFiles: MigrationFileFormat;
    readonly exclude: readonly string[];
    /** The server version to assume offline, when the config names one. */
    readonly serverVersion?: string;
    /** The environment variable whose value, when set, is the database URL to connect to. */
    readonly urlFromEnv?: string;
    /** `generate` writes the lock-friendly forms (`online: true` in the config). */
    readonly online?: boolean;
    /** The fleet of databases the bind's migrations run on; a `module` path is absolute here. */
    readonly targets?: TargetSource;
    /** Loads (once) the bind's DataSource, not initialized. */
    dataSource(): Promise<DataSource>;
}

export interface ResolvedConfig {
    /** The config file, or null for the zero-config `-d <file>` path. */
    readonly file: string | null;
    readonly binds: readonly ResolvedBind[];
}

/** The bind a single `-d` data source gets. */
export const defaultBindName = "default";

// Bind names become folder names and appear in commands; keep them to what needs no quoting.
const bindNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The config file in `directory`, or null. */
export function findConfigFile(directory: string): string | null {
    for (const name of configFileNames) {
        const path = join(directory, name);
        if (existsSync(path)) return path;
    }
    return null;
}

/** Zero config: one bind, `default`, whose DataSource is exported by `dataSourceFile`, its migrations in `<migrationsRoot>/default`. */
export function singleBindConfig(dataSourceFile: string, migrationsRoot: string, exclude: readonly string[] = []): ResolvedConfig {
    return {
        file: null,
        binds: [resolvedBind(defaultBindName, join(resolve(migrationsRoot), defaultBindName), exclude, () => loadDataSource(dataSourceFile))],
    };
}

/**
 * Zero config, laid out as the DataSource says: one bind, `default`, whose migrations go where the
 * DataSource's `migrations` glob looks (see `dataSourceLayout`), else `migrations/default`. Loads
 * the DataSource to read that setting.
 */
export async function dataSourceConfig(dataSourceFile: string): Promise<ResolvedConfig> {
    const config = singleBindConfig(dataSourceFile, defaultMigrationsDir);
    return { ...config, binds: [await laidOutByDataSource(config.binds[0], resolve(dataSourceFile))] };
}

/**
 * Loads and checks a config file. `migrationsRoot` (from `--dir`) overrides the file's
 * `migrationsDir`; relative paths in the file are relative to the file. A config with one bind
 * and no `migrationsDir` is laid out as its DataSource says, as `dataSourceConfig` is.
 */
export async function loadConfigFile(file: string, options: { readonly migrationsRoot?: string } = {}): Promise<ResolvedConfig> {
    const path = resolve(file);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${file}`);
    const config = checkConfig(await readConfigModule(path), path);
    const base = dirname(path);
    const root = options.migrationsRoot !== undefined ? resolve(options.migrationsRoot) : resolve(base, config.migrationsDir ?? defaultMigrationsDir);
    const shared = config.exclude ?? [];
    const binds = Object.entries(config.binds).map(([name, value]) => {
        const bind: BindOptions = typeof value === "string" || InstanceChecker.isDataSource(value) ? { dataSource: value } : value;
        const source = bind.dataSource;
        const load = typeof source === "string" ? () => loadDataSource(resolve(base, source)) : async () => source;
        const targets = bind.targets;
        return resolvedBind(name, join(root, name), [...shared, ...(bind.exclude ?? [])], load, {
            serverVersion: bind.serverVersion,
            urlFromEnv: bind.urlFromEnv,
            online: bind.online,
            targets: targets !== undefined && "module" in targets ? { module: resolve(base, targets.module) } : targets,
        });
    });
    if (binds.length > 1 || options.migrationsRoot !== undefined || config.migrationsDir !== undefined) return { file: path, binds };
    const source = Object.values(config.binds)[0];
    const named = typeof source === "string" ? source : InstanceChecker.isDataSource(source) ? null : source.dataSource;
    return { file: path, binds: [await laidOutByDataSource(binds[0], typeof named === "string" ? resolve(base, named) : path)] };
}

async function laidOutByDataSource(bind: ResolvedBind, dataSourceFile: string): Promise<ResolvedBind> {
    const { migrations } = (await bind.dataSource()).options;
    // A file named without its extension, as an import names it, is TypeScript when the .ts is there.
    const file = extname(dataSourceFile) === "" && existsSync(`${dataSourceFile}.ts`) ? `${dataSourceFile}.ts` : dataSourceFile;
    const layout = dataSourceLayout(migrations, { cwd: process.cwd(), dataSourceFile: file, fallback: bind.migrationsDir });
    return { ...bind, migrationsDir: layout.dir, migrationFiles: layout.files };
}

/** The binds `names` selects (all of them when empty), in configuration order. */
export function selectBinds(config: ResolvedConfig, names: readonly string[]): readonly ResolvedBind[] {
    if (names.length === 0) return config.binds;
    const known = new Set(config.binds.map((bind) => bind.name));
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length > 0) {
        const where = config.file ? relative(process.cwd(), config.file) || config.file : "a single data source";
        throw new UnknownBindError(
            `unknown bind ${unknown.map((n) => `"${n}"`).join(", ")}: ${where} has ${[...known].map((n) => `"${n}"`).join(", ")}`,
            config.file ? undefined : `-d names one data source, bind "${defaultBindName}"`,
        );
    }
    return config.binds.filter((bind) => names.includes(bind.name));
}

function resolvedBind(
    name: string,
    migrationsDir: string,
    exclude: readonly string[],
    load: () => Promise<DataSource>,
    extra: Pick<BindOptions, "serverVersion" | "urlFromEnv" | "online" | "targets"> = {},
): ResolvedBind {
    let loaded: Promise<DataSource> | undefined;
    return {
        name,
        migrationsDir,
        migrationFiles: typescriptMigrations,
        exclude,
        ...(extra.serverVersion === undefined ? {} : { serverVersion: extra.serverVersion }),
        ...(extra.urlFromEnv === undefined ? {} : { urlFromEnv: extra.urlFromEnv }),
        ...(extra.online === true ? { online: true } : {}),
        ...(extra.targets === undefined ? {} : { targets: extra.targets }),
        dataSource: () => (loaded ??= load()),
    };
}

async function readConfigModule(path: string): Promise<unknown> {
    try {
        if (extname(path) === ".json") return JSON.parse(readFileSync(path, "utf8"));
        const exported = (await loadUserModule(path, "config")) as { default?: unknown };
        return exported.default ?? exported;
    } catch (error) {
        if (error instanceof ConfigError || error instanceof UserFileError) throw error;
        throw new ConfigError(`cannot load ${path}: ${compileErrorSummary(error) ?? (error as Error).message.split("\n")[0]}`);
    }
}

const topLevelKeys = new Set(["migrationsDir", "exclude", "binds"]);
const bindKeys = new Set(["dataSource", "exclude", "serverVersion", "urlFromEnv", "online", "targets"]);

/** Throws the ConfigError of a config file's problem. */
type Fail = (what: string, hint?: string) => never;

/** Checks the shape by hand (a JSON or JavaScript config has no compiler behind it) into a typed config. */
function checkConfig(value: unknown, path: string): TypeormMigrateConfig {
    const fail: Fail = (what, hint) => {
        throw new ConfigError(`${path}: ${what}`, hint);
    };
    if (!isPlainObject(value)) return fail("must export an object with `binds`", "see `typeorm-migrate init --multidb`");
    for (const key of Object.keys(value)) if (!topLevelKeys.has(key)) fail(`unknown field "${key}" (known: ${[...topLevelKeys].join(", ")})`);
    const { migrationsDir, binds } = value;
    if (migrationsDir !== undefined && typeof migrationsDir !== "string") fail("`migrationsDir` must be a string");
    const exclude = checkPatterns(value.exclude, "`exclude`", fail);
    if (!isPlainObject(binds) || Object.keys(binds).length === 0) return fail('`binds` must name at least one bind: { default: "src/data-source.ts" }');
    return {
        ...(migrationsDir === undefined ? {} : { migrationsDir }),
        ...(exclude === undefined ? {} : { exclude }),
        binds: Object.fromEntries(Object.entries(binds).map(([name, bind]) => [name, checkBind(name, bind, fail)])),
    };
}

function checkBind(name: string, bind: unknown, fail: Fail): DataSource | string | BindOptions {
    if (!bindNamePattern.test(name)) fail(`bind name "${name}" must be letters, digits, "_" or "-"`);
    if (typeof bind === "string" || InstanceChecker.isDataSource(bind)) return bind;
    if (!isPlainObject(bind)) return fail(`bind "${name}" must be a DataSource, a file name, or { dataSource, exclude }`);
    for (const key of Object.keys(bind)) if (!bindKeys.has(key)) fail(`bind "${name}": unknown field "${key}" (known: ${[...bindKeys].join(", ")})`);
    const { dataSource, serverVersion, urlFromEnv, online } = bind;
    const targets = bind.targets === undefined ? undefined : checkTargets(name, bind.targets, fail);
    if (typeof dataSource !== "string" && !InstanceChecker.isDataSource(dataSource)) {
        return fail(`bind "${name}": \`dataSource\` must be a DataSource or a file exporting one`);
    }
    const exclude = checkPatterns(bind.exclude, `bind "${name}": \`exclude\``, fail);
    if (serverVersion !== undefined && (typeof serverVersion !== "string" || !/^\d+(\.\d+)*$/.test(serverVersion))) {
        fail(`bind "${name}": \`serverVersion\` must be a version such as "10.11" or "8.0.36"`);
    }
    if (urlFromEnv !== undefined && (typeof urlFromEnv !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(urlFromEnv))) {
        fail(`bind "${name}": \`urlFromEnv\` must name an environment variable, e.g. "DATABASE_URL"`);
    }
    if (online !== undefined && typeof online !== "boolean") fail(`bind "${name}": \`online\` must be true or false`);
    return {
        dataSource,
        ...(exclude === undefined ? {} : { exclude }),
        ...(serverVersion === undefined ? {} : { serverVersion }),
        ...(urlFromEnv === undefined ? {} : { urlFromEnv }),
        ...(online === undefined ? {} : { online }),
        ...(targets === undefined ? {} : { targets }),
    };
}

const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkTargets(name: string, targets: unknown, fail: Fail): TargetSource {
    const what = `bind "${name}": \`targets\``;
    const shapes = 'a list of URLs, { env: "VAR" }, { module: "./tenants.ts" } or { schemas: "tenant_*" }';
    if (Array.isArray(targets)) {
        if (targets.length === 0) return fail(`${what} is an empty list`, `give ${shapes}`);
        for (const entry of targets as unknown[]) {
            const ok =
                (typeof entry === "string" && entry !== "") ||
                (isPlainObject(entry) &&
                    typeof entry.url === "string" &&
                    (entry.name === undefined || typeof entry.name === "string") &&
                    Object.keys(entry).every((key) => key === "url" || key === "name"));
            if (!ok) fail(`${what}: each entry must be a URL or { name, url }, not ${JSON.stringify(entry)}`);
        }
        return targets as (string | { name?: string; url: string })[];
    }
    if (!isPlainObject(targets) || Object.keys(targets).length !== 1) return fail(`${what} must be ${shapes}`);
    const [[key, value]] = Object.entries(targets);
    if (typeof value !== "string" || value === "") return fail(`${what}: \`${key}\` must be a non-empty string`);
    if (key === "env") return envNamePattern.test(value) ? { env: value } : fail(`${what}: \`env\` must name an environment variable`);
    if (key === "module") return { module: value };
    if (key === "schemas") return { schemas: value };
    return fail(`${what}: unknown field "${key}" (known: env, module, schemas, or a list)`);
}

function checkPatterns(value: unknown, what: string, fail: Fail): readonly string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((pattern): pattern is string => typeof pattern === "string")) return fail(`${what} must be a list of strings`);
    return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
