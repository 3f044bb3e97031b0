import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { defaultBind, say, type CommonArgs } from "../context";
import { CliError, ExitCode } from "../exit-codes";
import { runCommand } from "../run-command";

interface InitArgs extends CommonArgs {
    readonly multidb: boolean;
}

const readme = (multidb: boolean) => `# Migrations

Managed by typeorm-migrate. Each folder is one bind (one database) with its own chain of revisions:
\`<timestamp>-<slug>.ts\` is a TypeORM migration class, \`<timestamp>-<slug>.json\` the schema change it
makes, from which the tool rebuilds the schema at any revision without a database. Commit both.
${multidb ? "\nSeveral binds: one folder per bind name, created by `generate` for each bind.\n" : ""}`;

export const initCommand: CommandModule<CommonArgs, InitArgs> = {
    command: "init",
    describe: "Create the migrations folder",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("multidb", { type: "boolean", default: false, describe: "Lay the folder out for several binds (databases)" })
        .example("$0 init", "create migrations/default/") as Argv<InitArgs>,
    handler: runCommand(async (args: InitArgs) => {
        const root = resolve(process.cwd(), args.dir);
        if (existsSync(root) && readdirSync(root).length > 0) {
            throw new CliError(`${relative(process.cwd(), root) || root} already exists and is not empty`, ExitCode.badInput);
        }
        mkdirSync(args.multidb ? root : join(root, defaultBind), { recursive: true });
        writeFileSync(join(root, "README.md"), readme(args.multidb));
        say(`Created ${relative(process.cwd(), root)}/${args.multidb ? "" : `${defaultBind}/`}`);
    }),
};
