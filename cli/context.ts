import { resolve } from "node:path";
import type { DataSource } from "typeorm";
import { CliError, ExitCode } from "./exit-codes";
import { lib } from "./lib";

/** Options every command shares. */
export interface CommonArgs {
    readonly dataSource?: string;
    readonly dir: string;
    readonly verbose: boolean;
}

/** One database and its chain of migrations; a single `-d` data source is bind `default`. */
export const defaultBind = "default";

export function migrationsDir(args: CommonArgs, bind = defaultBind): string {
    return resolve(process.cwd(), args.dir, bind);
}

export function requireDataSourceFile(args: CommonArgs): string {
    if (!args.dataSource) {
        throw new CliError("no data source: pass -d <file> naming a file that exports a TypeORM DataSource", ExitCode.badInput);
    }
    return args.dataSource;
}

/** Loads the user's DataSource without connecting. */
export function loadUserDataSource(args: CommonArgs): DataSource {
    return lib().loadDataSource(requireDataSourceFile(args));
}

/** Connects the user's DataSource for running migrations (see `connectForMigrations`). */
export async function connectUserDataSource(args: CommonArgs): Promise<DataSource> {
    const dataSource = loadUserDataSource(args);
    try {
        await lib().connectForMigrations(dataSource, { logQueries: args.verbose });
    } catch (error) {
        throw new CliError(`cannot connect to the database: ${(error as Error).message.split("\n")[0]}`, ExitCode.failure);
    }
    return dataSource;
}

export function say(line: string): void {
    process.stdout.write(`${line}\n`);
}
