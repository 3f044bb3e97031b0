import type { DataSource } from "typeorm";
import type { ResolvedBind, ResolvedConfig } from "../lib/config/resolve-config";
import type { RevisionStore } from "../lib/store/revision-store";
import { maskCredentials } from "../lib/load/mask-credentials";
import { CliError, ExitCode } from "./exit-codes";
import { lib } from "./lib";

/** Options every command shares. */
export interface CommonArgs {
    readonly dataSource?: string;
    readonly config?: string;
    readonly dir?: string;
    readonly bind: string[];
    readonly verbose: boolean;
    /** Another database of the same kind for the bind (commands that connect). */
    readonly url?: string;
}

/**
 * The binds the command works on: `-d <file>` is one bind, `default`; otherwise the config file
 * (`-c`, or `typeorm-migrate.config.{ts,js,json}` in the working directory, which `init -d`
 * writes), narrowed by `--bind`. One bind's migrations go where its DataSource's `migrations`
 * setting looks unless `--dir` or the config's `migrationsDir` names the folder.
 */
export async function selectedBinds(args: CommonArgs): Promise<readonly ResolvedBind[]> {
    const config = await resolveConfig(args);
    const binds = lib().selectBinds(config, args.bind);
    bindPrefixes = config.binds.length > 1;
    if (args.url !== undefined && binds.length > 1) {
        throw new CliError(
            `--url names one database; there are several binds (${binds.map((b) => b.name).join(", ")}): pick one with --bind`,
            ExitCode.badInput,
        );
    }
    return binds;
}

/** The one bind a command that writes a single file works on: several need `--bind`. */
export async function singleBind(args: CommonArgs, command: string): Promise<ResolvedBind> {
    const binds = await selectedBinds(args);
    if (binds.length > 1) {
        throw new CliError(
            `${command} works on one bind; there are several (${binds.map((b) => b.name).join(", ")}): name one with --bind <name>`,
            ExitCode.badInput,
        );
    }
    return binds[0];
}

async function resolveConfig(args: CommonArgs): Promise<ResolvedConfig> {
    const { findConfigFile, loadConfigFile, singleBindConfig, defaultMigrationsDir } = lib();
    const { dataSourceConfig } = configLib();
    const { MigrationsLayoutError } = configErrors();
    if (args.dataSource !== undefined && args.config !== undefined) {
        throw new CliError("pass either -d <data source file> or -c <config file>, not both", ExitCode.badInput);
    }
    const hinted = (error: unknown): never => {
        if (!(error instanceof MigrationsLayoutError)) throw error;
        throw new CliError(
            `${error.message}; set it to one folder (e.g. "src/migrations/*.ts") or pass --dir <folder> (migrations then go to <folder>/default)`,
            ExitCode.badInput,
        );
    };
    if (args.dataSource !== undefined) {
        return args.dir !== undefined ? singleBindConfig(args.dataSource, args.dir) : dataSourceConfig(args.dataSource).catch(hinted);
    }
    const file = args.config ?? findConfigFile(process.cwd());
    if (file !== null) return loadConfigFile(file, { migrationsRoot: args.dir }).catch(hinted);
    // No data source named: commands that only read the migrations folder (history) still work.
    const config = singleBindConfig("", args.dir ?? defaultMigrationsDir);
    return {
        ...config,
        binds: config.binds.map((bind) => ({
            ...bind,
            dataSource: async () => {
                throw new CliError(
                    "no data source: pass -d <file> exporting a TypeORM DataSource, or record it once with `typeorm-migrate init -d <file>` (`init --multidb` for several databases)",
                    ExitCode.badInput,
                );
            },
        })),
    };
}

// Loaded on first use, as lib() is, so that `--help` does not load TypeORM.
const configLib = () => require("../lib/config/resolve-config") as typeof import("../lib/config/resolve-config");
const configErrors = () => require("../lib/config/errors") as typeof import("../lib/config/errors");

/** Connects a bind's DataSource for running migrations (see `connectForMigrations`). */
export async function connectBind(bind: ResolvedBind, args: CommonArgs): Promise<DataSource> {
    const dataSource = await bind.dataSource();
    const url = args.url ?? (bind.urlFromEnv === undefined ? undefined : process.env[bind.urlFromEnv] || undefined);
    if (url !== undefined) lib().pointAtUrl(dataSource, url);
    try {
        await lib().connectForMigrations(dataSource, { logQueries: args.verbose });
    } catch (error) {
        throw new CliError(`cannot connect to the database: ${(error as Error).message.split("\n")[0]}`, ExitCode.failure);
    }
    return dataSource;
}

/** Connects a bind, opens its migrations folder, runs `work`, and disconnects on every path. */
export async function withBindConnection<T>(
    bind: ResolvedBind,
    args: CommonArgs,
    work: (dataSource: DataSource, store: RevisionStore) => Promise<T>,
): Promise<T> {
    const store = lib().RevisionStore.open(bind.migrationsDir);
    const dataSource = await connectBind(bind, args);
    try {
        return await work(dataSource, store);
    } finally {
        await dataSource.destroy();
    }
}

// With several binds configured, each line says which bind it is about.
let bindPrefixes = false;
let currentBind: string | null = null;

/** Runs `work` with output lines prefixed by `[bind]` when the configuration has several binds. */
export async function inBind<T>(bind: ResolvedBind, work: () => Promise<T>): Promise<T> {
    currentBind = bind.name;
    try {
        return await work();
    } catch (error) {
        if (bindPrefixes && error instanceof Error && !error.message.startsWith("bind ")) error.message = `bind "${bind.name}": ${error.message}`;
        throw error;
    } finally {
        currentBind = null;
    }
}

export function say(line: string): void {
    const prefix = bindPrefixes && currentBind !== null ? `[${currentBind}] ` : "";
    process.stdout.write(maskCredentials(`${prefix}${line}\n`));
}
