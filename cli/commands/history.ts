import type { Argv, CommandModule } from "yargs";
import { inBind, say, selectedBinds, type CommonArgs } from "../context";
import { lib } from "../lib";
import { runCommand } from "../run-command";

export const historyCommand: CommandModule<CommonArgs, CommonArgs> = {
    command: "history",
    describe: "List each bind's revisions, newest first (reads files only)",
    builder: (yargs: Argv<CommonArgs>) => yargs.example("$0 history", "<parent> -> <revision> (head), <message>"),
    handler: runCommand(async (args: CommonArgs) => {
        for (const bind of selectedBinds(args)) {
            await inBind(bind, async () => {
                const { graph } = lib().RevisionStore.open(bind.migrationsDir);
                const heads = new Set(graph.heads());
                for (const node of [...graph.all()].reverse()) {
                    const parents = node.parents.length > 0 ? node.parents.join(", ") : "<base>";
                    say(`${parents} -> ${node.revision}${heads.has(node.revision) ? " (head)" : ""}, ${node.message}`);
                    if (args.verbose) say(`    ${node.name}  ${node.file}`);
                }
                if (graph.size === 0) say("No revisions yet.");
            });
        }
    }),
};
