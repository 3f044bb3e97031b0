import { relative } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { inBind, say, singleBind, type CommonArgs } from "../context";
import { lib } from "../lib";
import { revisionOptions, revisionRequest, type RevisionArgs } from "../revision-options";
import { runCommand } from "../run-command";

export const revisionCommand: CommandModule<CommonArgs, CommonArgs & RevisionArgs> = {
    command: "revision",
    describe: "Write an empty migration on the head, to fill in by hand (e.g. a data migration)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs.options(revisionOptions("empty")).example('$0 revision -m "Backfill slugs"', "an empty up/down to write") as unknown as Argv<
            CommonArgs & RevisionArgs
        >,
    handler: runCommand(async (args: CommonArgs & RevisionArgs) => {
        const bind = await singleBind(args, "revision");
        await inBind(bind, async () => {
            const store = lib().RevisionStore.open(bind.migrationsDir);
            // Only the bind's dialect is needed, and only when it has no revision yet.
            const shape =
                store.graph.size > 0
                    ? store.stateAt(store.graph.head() as string)
                    : await lib().readSchema(await bind.dataSource(), { serverVersion: bind.serverVersion });
            const planned = lib().planBlankRevision(store, revisionRequest(args, bind), shape);
            const { migrationFile } = lib().writeRevision(bind.migrationsDir, planned, bind.migrationFiles);
            say(`Generated ${relative(process.cwd(), migrationFile)} (revision ${planned.revision}): write its up and down`);
        });
    }),
};
