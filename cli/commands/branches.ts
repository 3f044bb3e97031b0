import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { defineCommand } from "../define-command";
import { revisionLine } from "../describe-revision";
import { lib } from "../lib";

export const branchesCommand = defineCommand({
    command: "branches",
    describe: "Show the revisions where each bind's history branches, and the branches from them",
    builder: (yargs: Argv<CommonArgs>) => yargs.example("$0 branches", "a revision with two children, then each child"),
    handler: async (_args: CommonArgs, context: CommandContext) => {
        for (const bind of await context.selectedBinds()) {
            await context.inBind(bind, async () => {
                const { graph } = lib().RevisionStore.open(bind.migrationsDir);
                const points = graph.branchPoints();
                for (const revision of points) {
                    context.say(revisionLine(graph, graph.get(revision)));
                    for (const child of graph.childrenOf(revision)) context.say(`    -> ${revisionLine(graph, graph.get(child))}`);
                }
                if (points.length === 0) context.say("No branch points.");
            });
        }
    },
});
