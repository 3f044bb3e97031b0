import { relative } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { loadUserDataSource, migrationsDir, say, type CommonArgs } from "../context";
import { runCommand } from "../run-command";
import { describeOps } from "../describe-ops";
import { lib } from "../lib";

interface GenerateArgs extends CommonArgs {
    readonly message: string;
    readonly dryRun: boolean;
    readonly revId?: string;
    readonly timestamp?: number;
}

export const generateCommand: CommandModule<CommonArgs, GenerateArgs> = {
    command: "generate",
    aliases: ["migrate"],
    describe: "Compare the entities with the head revision's schema and write a migration",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("message", { alias: "m", type: "string", demandOption: true, describe: "What the migration does" })
        .option("dry-run", { type: "boolean", default: false, describe: "Print the migration instead of writing it" })
        .option("rev-id", { type: "string", describe: "Use this revision id instead of a random one" })
        .option("timestamp", { type: "number", describe: "Use this 13-digit millisecond timestamp in the class name" })
        .example("$0 generate -d src/data-source.ts -m \"Added new fields\"", "write migrations/default/<timestamp>-added-new-fields.ts")
        .example("$0 generate -d src/data-source.ts -m \"x\" --dry-run", "show the migration without writing it") as unknown as Argv<GenerateArgs>,
    handler: runCommand(async (args: GenerateArgs) => {
        const { readSchema, planRevision, RevisionStore, writeRevision } = lib();
        const dir = migrationsDir(args);
        const schema = await readSchema(loadUserDataSource(args));
        const planned = planRevision(RevisionStore.open(dir), schema, {
            message: args.message, bind: "default", revisionId: args.revId, timestamp: args.timestamp, now: Date.now(),
        });
        if (planned === null) {
            say("No changes in schema detected.");
            return;
        }
        if (args.dryRun) {
            process.stdout.write(planned.migrationText);
            return;
        }
        describeOps(planned.ops, args.verbose);
        const { migrationFile } = writeRevision(dir, planned);
        say(`Generated ${relative(process.cwd(), migrationFile)} (revision ${planned.revision})`);
    }),
};
