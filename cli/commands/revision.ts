import { relative } from "node:path";
import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { lib } from "../lib";
import { revisionOptions, revisionRequest, type RevisionArgs } from "../revision-options";
import { defineCommand } from "../define-command";

export const revisionCommand = defineCommand({
    command: "revision",
    describe: "Write an empty migration on the head, to fill in by hand (e.g. a data migration)",
    builder: (yargs: Argv<CommonArgs>) => yargs.options(revisionOptions("empty")).example('$0 revision -m "Backfill slugs"', "an empty up/down to write"),
    handler: async (args: CommonArgs & RevisionArgs, context: CommandContext) => {
        const bind = await context.singleBind("revision");
        await context.inBind(bind, async () => {
            const store = lib().RevisionStore.open(bind.migrationsDir);
            // Only the bind's dialect is needed, and only when it has no revision yet.
            const shape = store.graph.size > 0 ? store.stateAt(store.graph.head() as string) : await lib().readBindSchema(bind);
            const planned = lib().planBlankRevision(store, revisionRequest(args, bind), shape);
            const { migrationFile } = lib().writeRevision(bind.migrationsDir, planned, bind.migrationFiles);
            context.say(`Generated ${relative(process.cwd(), migrationFile)} (revision ${planned.revision}): write its up and down`);
        });
    },
});
