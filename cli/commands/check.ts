import type { Argv, CommandModule } from "yargs";
import { loadUserDataSource, migrationsDir, say, type CommonArgs } from "../context";
import { describeOps } from "../describe-ops";
import { ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { runCommand } from "../run-command";
import { excludeOption, includeFor } from "../exclude";

interface CheckArgs extends CommonArgs {
    readonly exclude: string[];
}

export const checkCommand: CommandModule<CommonArgs, CheckArgs> = {
    command: "check",
    describe: "Exit 1 if the entities differ from the head revision's schema (never connects)",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("exclude", excludeOption)
        .example("$0 check -d src/data-source.ts", "in CI: fail when a migration is missing")
        .example("$0 check -d src/data-source.ts --verbose", "also show the schema difference line by line") as unknown as Argv<CheckArgs>,
    handler: runCommand(async (args: CheckArgs) => {
        const { readSchema, pendingChanges, RevisionStore, serializeSchema } = lib();
        const schema = await readSchema(loadUserDataSource(args));
        const { ops, base } = pendingChanges(RevisionStore.open(migrationsDir(args)), schema, { include: includeFor(args.exclude) });
        if (ops.length === 0) {
            say("No changes in schema detected.");
            return ExitCode.ok;
        }
        say(`${ops.length} change(s) not covered by a migration:`);
        describeOps(ops, args.verbose);
        if (args.verbose) {
            const { createTwoFilesPatch } = require("diff") as typeof import("diff");
            process.stdout.write(createTwoFilesPatch("head revision", "entities", serializeSchema(base), serializeSchema(schema)));
        }
        return ExitCode.differences;
    }),
};
