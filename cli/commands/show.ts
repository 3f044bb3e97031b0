import type { Argv, CommandModule } from "yargs";
import { inBind, say, selectedBinds, type CommonArgs } from "../context";
import { describeOps } from "../describe-ops";
import { revisionMarks } from "../describe-revision";
import { lib } from "../lib";
import { runCommand } from "../run-command";

interface ShowArgs extends CommonArgs {
    readonly revision: string;
}

export const showCommand: CommandModule<CommonArgs, ShowArgs> = {
    command: "show [revision]",
    describe: "Show a revision: its parents, children, file, and the changes it makes",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("revision", { type: "string", default: "head", describe: "A revision id or unique prefix, head, or <rev>-N" })
            .example("$0 show", "the head revision")
            .example("$0 show 3f9c --verbose", "revision 3f9c..., with each change's reasons") as Argv<ShowArgs>,
    handler: runCommand(async (args: ShowArgs) => {
        for (const bind of await selectedBinds(args)) {
            await inBind(bind, async () => {
                const store = lib().RevisionStore.open(bind.migrationsDir);
                const [revision] = lib().resolveTarget(store.graph, args.revision);
                if (revision === undefined) return say("<base>: before the first revision.");
                const node = store.graph.get(revision);
                const marks = revisionMarks(store.graph, node);
                say(`Revision: ${node.revision}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`);
                say(`Parents: ${node.parents.join(", ") || "<base>"}`);
                say(`Children: ${store.graph.childrenOf(revision).join(", ") || "none"}`);
                say(`Message: ${node.message}`);
                say(`Class: ${node.name}`);
                say(`File: ${node.file}`);
                const { ops } = store.delta(revision);
                say(ops.length === 0 ? "Schema changes: none" : `Schema changes (from ${node.parents[0] ?? "<base>"}):`);
                describeOps(ops, args.verbose);
            });
        }
    }),
};
