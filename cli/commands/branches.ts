import type { Argv, CommandModule } from "yargs";
import { inBind, say, selectedBinds, type CommonArgs } from "../context";
import { revisionLine } from "../describe-revision";
import { lib } from "../lib";
import { runCommand } from "../run-command";

export const branchesCommand: CommandModule<CommonArgs, CommonArgs> = {
    command: "branches",
    describe: "Show the revisions where each bind's history branches, and the branches from them",
    builder: (yargs: Argv<CommonArgs>) => yargs.example("$0 branches", "a revision with two children, then each child"),
    handler: runCommand(async (args: CommonArgs) => {
        for (const bind of await selectedBinds(args)) {
            await inBind(bind, async () => {
                const { graph } = lib().RevisionStore.open(bind.migrationsDir);
                const points = graph.branchPoints();
                for (const revision of points) {
                    say(revisionLine(graph, graph.get(revision)));
                    for (const child of graph.childrenOf(revision)) say(`    -> ${revisionLine(graph, graph.get(child))}`);
                }
                if (points.length === 0) say("No branch points.");
            });
        }
    }),
};
