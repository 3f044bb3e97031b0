import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { configFileNames, defaultMigrationsDir } from "../../lib/config/config";
import { adoptDatabases } from "../adopt";
import { say, selectedBinds, type CommonArgs } from "../context";
import { CliError, ExitCode } from "../exit-codes";
import { runCommand } from "../run-command";
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

export const initCommand: CommandModule<CommonArgs, InitArgs> = {
    command: "init",
    describe: "Create the migrations folder (and, with --multidb, a config file for several databases)",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("multidb", { type: "boolean", default: false, describe: "Same as --template multidb" })
        .option("from-db", { type: "boolean", default: false, describe: "Adopt an existing database: a baseline revision from its live schema, stamped there" })
        .option("template", { choices: Object.keys(initTemplates) as InitTemplate[], describe: "The layout to write (see list-templates; default generic)" })
        .example("$0 init", "create migrations/default/")
        .example("$0 init --multidb", "create migrations/ and typeorm-migrate.config.ts with two binds to edit")
        .example("$0 init --from-db -d src/data-source.ts", "start from the schema the database already has") as unknown as Argv<InitArgs>,
    handler: runCommand(async (options: InitArgs) => {
        if (options.fromDb) return adoptDatabases(options, await selectedBinds(options));
        const args = { ...options, multidb: options.multidb || options.template === "multidb" };
        const dir = args.dir ?? defaultMigrationsDir;
        const root = resolve(process.cwd(), dir);
        if (existsSync(root) && readdirSync(root).length > 0) {
            throw new CliError(`${relative(process.cwd(), root) || root} already exists and is not empty`, ExitCode.badInput);
        }
        const existing = configFileNames.find((name) => existsSync(resolve(process.cwd(), name)));
        if (args.multidb && existing !== undefined) throw new CliError(`${existing} already exists`, ExitCode.badInput);
        mkdirSync(args.multidb ? root : join(root, "default"), { recursive: true });
        writeFileSync(join(root, "README.md"), readme(args.multidb));
        if (args.multidb) {
            writeFileSync(resolve(process.cwd(), configFileNames[0]), multiBindConfigTemplate(dir));
            say(`Created ${relative(process.cwd(), root)}/ and ${configFileNames[0]}: edit its binds, then run \`typeorm-migrate generate -m "Initial migration."\``);
        } else {
            say(`Created ${relative(process.cwd(), root)}/default/`);
        }
    }),
};
