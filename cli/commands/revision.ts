import { relative } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { inBind, say, singleBind, type CommonArgs } from "../context";
import { lib } from "../lib";
import { runCommand } from "../run-command";

interface RevisionArgs extends CommonArgs {
    readonly message: string;
    readonly revId?: string;
    readonly timestamp?: number;
}

export const revisionCommand: CommandModule<CommonArgs, RevisionArgs> = {
    command: "revision",
    describe: "Write an empty migration on the head, to fill in by hand (e.g. a data migration)",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("message", { alias: "m", type: "string", demandOption: true, describe: "What the migration does" })
        .option("rev-id", { type: "string", describe: "Use this revision id instead of a random one" })
        .option("timestamp", { type: "number", describe: "Use this 13-digit millisecond timestamp in the class name" })
        .example("$0 revision -d src/data-source.ts -m \"Backfill slugs\"", "an empty up/down to write") as unknown as Argv<RevisionArgs>,
    handler: runCommand(async (args: RevisionArgs) => {
        const bind = singleBind(args, "revision");
        await inBind(bind, async () => {
            const store = lib().RevisionStore.open(bind.migrationsDir);
            // Only the bind's dialect is needed, and only when it has no revision yet.
            const shape = store.graph.size > 0 ? store.stateAt(store.graph.head() as string) : await lib().readSchema(bind.dataSource(), { serverVersion: bind.serverVersion });
            const request = { message: args.message, bind: bind.name, revisionId: args.revId, timestamp: args.timestamp, now: Date.now() };
            const planned = lib().planBlankRevision(store, request, shape);
            const { migrationFile } = lib().writeRevision(bind.migrationsDir, planned);
            say(`Generated ${relative(process.cwd(), migrationFile)} (revision ${planned.revision}): write its up and down`);
        });
    }),
};
