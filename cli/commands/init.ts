import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Argv } from "yargs";
import { adoptDatabases } from "../adopt";
import type { CommandContext, CommonArgs } from "../context";
import { CliError, ExitCode } from "../exit-codes";
import { configFileNames, defaultMigrationsDir } from "../lib";
import { defineCommand } from "../define-command";
import { dataSourceConfigTemplate } from "../templates/data-source-config";
import { multiBindConfigTemplate } from "../templates/multidb-config";
import { initTemplates, type InitTemplate } from "../templates/templates";

interface InitArgs extends CommonArgs {
    readonly multidb: boolean;
    readonly fromDb: boolean;
    readonly template?: InitTemplate;
}

const readme = (multidb: boolean) => `# Migrations

Managed by typeorm-migrate. Each folder is one bind (one database) with its own chain of revisions:
\`<timestamp>-<slug>.ts\` is a TypeORM migration class, \`<timestamp>-<slug>.json\` the schema change it
makes, from which the tool rebuilds the schema at any revision without a database. Commit both.
${multidb ? "\nSeveral binds: typeorm-migrate.config.ts names them; `generate` creates a folder per bind.\n" : ""}`;

/** The config file `init -d` writes. */
const dataSourceConfigFile = "typeorm-migrate.config.json";

export const initCommand = defineCommand({
    command: "init",
    describe: "Create the migrations folder; with -d, record the data source so later commands need no -d",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .option("multidb", { type: "boolean", default: false, describe: "Same as --template multidb" })
            .option("from-db", {
                type: "boolean",
                default: false,
                describe: "Adopt an existing database: a baseline revision from its live schema, stamped there",
            })
            .option("template", {
                choices: Object.keys(initTemplates) as InitTemplate[],
                describe: "The layout to write (see list-templates; default generic)",
            })
            .example("$0 init -d src/data-source.ts", "record the data source in typeorm-migrate.config.json; migrations go where its migrations glob looks")
            .example("$0 init", "create migrations/default/")
            .example("$0 init --multidb", "create migrations/ and typeorm-migrate.config.ts with two binds to edit")
            .example("$0 init --from-db -d src/data-source.ts", "start from the schema the database already has (and record the data source)"),
    handler: async (options: InitArgs, context: CommandContext) => {
        const multidb = options.multidb || options.template === "multidb";
        if (multidb && options.dataSource !== undefined) {
            throw new CliError("-d names one data source; --multidb writes a config for several: pass one or the other", ExitCode.badInput);
        }
        const existing = configFileNames.find((name) => existsSync(resolve(process.cwd(), name)));
        if (options.dataSource !== undefined && existing !== undefined && !options.fromDb) {
            throw new CliError(`${existing} already exists: edit it to change the data source, or pass -d to each command`, ExitCode.badInput);
        }
        if (options.fromDb) {
            await adoptDatabases(context, await context.selectedBinds());
            if (options.dataSource !== undefined && existing === undefined) recordDataSource(options.dataSource, options.dir);
            return;
        }
        if (options.dataSource !== undefined) return initDataSource(context, options.dataSource, options.dir);
        const dir = options.dir ?? defaultMigrationsDir;
        const root = resolve(process.cwd(), dir);
        if (existsSync(root) && readdirSync(root).length > 0) {
            throw new CliError(`${relative(process.cwd(), root) || root} already exists and is not empty`, ExitCode.badInput);
        }
        if (multidb && existing !== undefined) throw new CliError(`${existing} already exists`, ExitCode.badInput);
        mkdirSync(multidb ? root : join(root, "default"), { recursive: true });
        writeFileSync(join(root, "README.md"), readme(multidb));
        if (multidb) {
            writeFileSync(resolve(process.cwd(), configFileNames[0]), multiBindConfigTemplate(dir));
            context.say(
                `Created ${relative(process.cwd(), root)}/ and ${configFileNames[0]}: edit its binds, then run \`typeorm-migrate generate -m "Initial migration."\``,
            );
        } else {
            context.say(`Created ${relative(process.cwd(), root)}/default/`);
        }
    },
});

/**
 * `init -d <file>`: the data source loads, its migrations folder exists, and the config file
 * names it, as Flask-Migrate finds the app once. A folder that already holds migrations (TypeORM's
 * own, or revisions of ours) is fine: nothing in it is touched.
 */
async function initDataSource(context: CommandContext, dataSource: string, dir: string | undefined): Promise<void> {
    const bind = await context.singleBind("init");
    await bind.dataSource();
    const created = !existsSync(bind.migrationsDir);
    mkdirSync(bind.migrationsDir, { recursive: true });
    // The README explains a folder of ours; a DataSource's own folder is the project's.
    const root = resolve(process.cwd(), dir ?? defaultMigrationsDir);
    if (created && bind.migrationsDir === join(root, "default") && readdirSync(root).length === 1) writeFileSync(join(root, "README.md"), readme(false));
    recordDataSource(dataSource, dir);
    const folder = relative(process.cwd(), bind.migrationsDir) || ".";
    context.say(
        `Recorded ${dataSource} in ${dataSourceConfigFile}; migrations go to ${folder}${sep} as ${bind.migrationFiles.extension} files. Next: typeorm-migrate generate -m "Initial migration."`,
    );
}

function recordDataSource(dataSource: string, dir: string | undefined): void {
    const file = relative(process.cwd(), resolve(dataSource)).split(sep).join("/");
    writeFileSync(resolve(process.cwd(), dataSourceConfigFile), dataSourceConfigTemplate(file, dir));
}
