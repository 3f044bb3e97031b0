import { relative } from "node:path";
import type { Argv } from "yargs";
import type { PlannedRevision, ResolvedBind } from "../../lib/index";
import type { CommandContext, CommonArgs } from "../context";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { revisionOptions, revisionRequest, type RevisionArgs } from "../revision-options";
import { defineCommand } from "../define-command";

interface MergeArgs extends CommonArgs, RevisionArgs {
    readonly revisions: string[];
}

export const mergeCommand = defineCommand({
    command: "merge [revisions..]",
    describe: "Join two or more heads with a merge revision (default: every head of each bind that has several)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("revisions", { type: "string", array: true, default: [] as string[], describe: "The heads to join (ids or unique prefixes)" })
            .options(revisionOptions("merge"))
            .example('$0 merge -m "Merge the payments and search branches"', "join the two heads")
            .example('$0 merge a1b2 c3d4 -m "merge" --bind default', "join these two revisions of bind default"),
    handler: async (args: MergeArgs, context: CommandContext) => {
        const binds = await context.selectedBinds();
        if (args.revisions.length > 0 && binds.length > 1) {
            throw new CliError(
                `several binds (${binds.map((b) => b.name).join(", ")}): name the bind of ${args.revisions.join(", ")} with --bind`,
                ExitCode.badInput,
            );
        }
        // Plan every bind first: a conflict in one leaves every folder as it was.
        const planned: [ResolvedBind, PlannedRevision | null][] = [];
        for (const bind of binds) {
            await context.inBind(bind, async () => {
                const store = lib().RevisionStore.open(bind.migrationsDir);
                if (args.revisions.length === 0 && store.graph.heads().length < 2) return void planned.push([bind, null]);
                planned.push([bind, lib().planMerge(store, args.revisions, revisionRequest(args, bind))]);
            });
        }
        for (const [bind, merge] of planned) {
            await context.inBind(bind, async () => {
                if (merge === null) return context.say("Nothing to merge: one head.");
                const { migrationFile } = lib().writeRevision(bind.migrationsDir, merge, bind.migrationFiles);
                context.say(`Generated ${relative(process.cwd(), migrationFile)} (revision ${merge.revision}, merging ${merge.parents.join(", ")})`);
            });
        }
    },
});
