import type { DataSource } from "typeorm";
import type { FleetTarget, ResolvedBind, ResolvedConfig, RevisionStore } from "../lib/index";
import { CliError, ExitCode } from "./exit-codes";
import { defaultMigrationsDir, lib, maskCredentials } from "./lib";
import { ErrorInContext } from "./report-error";

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
 * One run of a command: its options, the binds it works on, and its output. With several binds
 * configured, each line it says and each error it reports names the bind it is about.
 */
export class CommandContext {
    private bindPrefixes = false;
    private currentBind: string | null = null;

    /** `lines`: where `say` puts its lines instead of standard output (one target of a fleet keeps them for its report). */
    constructor(
        readonly args: CommonArgs,
        private readonly lines?: string[],
    ) {}

    /** Whether `say` keeps its lines rather than writing them (then nothing may write to the terminal directly). */
    get buffered(): boolean {
        return this.lines !== undefined;
    }

    /** A context for one target of a fleet: the same options, its lines kept in `lines`. */
    forTarget(lines: string[]): CommandContext {
        return new CommandContext(this.args, lines);
    }

    /**
     * The binds the command works on: `-d <file>` is one bind, `default`; otherwise the config file
     * (`-c`, or `typeorm-migrate.config.{ts,js,json}` in the working directory, which `init -d`
     * writes), narrowed by `--bind`. One bind's migrations go where its DataSource's `migrations`
     * setting looks unless `--dir` or the config's `migrationsDir` names the folder.
     */
    async selectedBinds(): Promise<readonly ResolvedBind[]> {
        const config = await resolveConfig(this.args);
        const binds = lib().selectBinds(config, this.args.bind);
        this.bindPrefixes = config.binds.length > 1;
        if (this.args.url !== undefined && binds.length > 1) {
            throw new CliError(
                `--url names one database; there are several binds (${binds.map((b) => b.name).join(", ")}): pick one with --bind`,
                ExitCode.badInput,
            );
        }
        return binds;
    }

    /** The one bind a command that writes a single file works on: several need `--bind`. */
    async singleBind(command: string): Promise<ResolvedBind> {
        const binds = await this.selectedBinds();
        if (binds.length > 1) {
            throw new CliError(
                `${command} works on one bind; there are several (${binds.map((b) => b.name).join(", ")}): name one with --bind <name>`,
                ExitCode.badInput,
            );
        }
        return binds[0];
    }

    /** The bind's DataSource, pointed at the database `--url` or the bind's `urlFromEnv` names, if any; not connected. */
    async pointedDataSource(bind: ResolvedBind): Promise<DataSource> {
        const dataSource = await bind.dataSource();
        const url = this.args.url ?? (bind.urlFromEnv === undefined ? undefined : process.env[bind.urlFromEnv] || undefined);
        if (url !== undefined) lib().pointAtUrl(dataSource, url, { source: this.args.url !== undefined ? "--url" : bind.urlFromEnv });
        return dataSource;
    }

    /** Connects a bind's DataSource, or one target's of its fleet, for running migrations (see `connectForMigrations`). */
    async connectBind(bind: ResolvedBind, target?: FleetTarget): Promise<DataSource> {
        const pointed = await this.pointedDataSource(bind);
        const dataSource = target === undefined ? pointed : lib().dataSourceForTarget(pointed, target);
        try {
            await lib().connectForMigrations(dataSource, { logQueries: this.args.verbose });
        } catch (error) {
            throw new CliError(`cannot connect to the database: ${(error as Error).message.split("\n")[0]}`, ExitCode.failure);
        }
        return dataSource;
    }

    /** Connects a bind (or one target of its fleet), opens its migrations folder, runs `work`, and disconnects on every path. */
    async withBindConnection<T>(bind: ResolvedBind, work: (dataSource: DataSource, store: RevisionStore) => Promise<T>, target?: FleetTarget): Promise<T> {
        const store = lib().RevisionStore.open(bind.migrationsDir);
        const dataSource = await this.connectBind(bind, target);
        try {
            return await work(dataSource, store);
        } finally {
            await dataSource.destroy();
        }
    }

    /** Runs `work` with output lines prefixed by `[bind]`, and its error by `bind "<name>": `, when the configuration has several binds. */
    async inBind<T>(bind: ResolvedBind, work: () => Promise<T>): Promise<T> {
        this.currentBind = bind.name;
        try {
            return await work();
        } catch (error) {
            if (!this.bindPrefixes || !(error instanceof Error) || namesABind(error)) throw error;
            throw new ErrorInContext(error, { before: `bind "${bind.name}": ` });
        } finally {
            this.currentBind = null;
        }
    }

    say(line: string): void {
        const prefix = this.bindPrefixes && this.currentBind !== null ? `[${this.currentBind}] ` : "";
        if (this.lines !== undefined) this.lines.push(maskCredentials(line));
        else process.stdout.write(maskCredentials(`${prefix}${line}\n`));
    }
}

/** An error whose line already starts with the bind it is about (an inner `inBind`, the config's checks). */
function namesABind(error: Error): boolean {
    return error.message.startsWith("bind ");
}

async function resolveConfig(args: CommonArgs): Promise<ResolvedConfig> {
    const { findConfigFile, loadConfigFile, singleBindConfig, dataSourceConfig, MigrationsLayoutError } = lib();
    if (args.dataSource !== undefined && args.config !== undefined) {
        throw new CliError("pass either -d <data source file> or -c <config file>, not both", ExitCode.badInput);
    }
    const hinted = (error: unknown): never => {
        if (!(error instanceof MigrationsLayoutError)) throw error;
        throw new CliError(
            error.message,
            ExitCode.badInput,
            `set it to one folder (e.g. "src/migrations/*.ts") or pass --dir <folder> (migrations then go to <folder>/default)`,
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
