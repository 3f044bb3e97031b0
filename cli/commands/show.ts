import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { describeOps } from "../describe-ops";
import { revisionMarks } from "../describe-revision";
import { lib } from "../lib";
import { defineCommand } from "../define-command";

interface ShowArgs extends CommonArgs {
    readonly revision: string;
}

export const showCommand = defineCommand({
    command: "show [revision]",
    describe: "Show a revision: its parents, children, file, and the changes it makes with the lock each takes",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("revision", { type: "string", default: "head", describe: "A revision id or unique prefix, head, or <rev>-N" })
            .example("$0 show", "the head revision")
            .example("$0 show 3f9c --verbose", "revision 3f9c..., with each change's reasons"),
    handler: async (args: ShowArgs, context: CommandContext) => {
        for (const bind of await context.selectedBinds()) {
            await context.inBind(bind, async () => {
                const store = lib().RevisionStore.open(bind.migrationsDir);
                const [revision] = lib().resolveTarget(store.graph, args.revision);
                if (revision === undefined) return context.say("<base>: before the first revision.");
                const node = store.graph.get(revision);
                const marks = revisionMarks(store.graph, node);
                context.say(`Revision: ${node.revision}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`);
                context.say(`Parents: ${node.parents.join(", ") || "<base>"}`);
                context.say(`Children: ${store.graph.childrenOf(revision).join(", ") || "none"}`);
                context.say(`Message: ${node.message}`);
                context.say(`Class: ${node.name}`);
                context.say(`File: ${node.file}`);
                const delta = store.delta(revision);
                const { ops } = delta;
                if (delta.online === true) context.say("Written with --online: the lock-friendly forms");
                context.say(ops.length === 0 ? "Schema changes: none" : `Schema changes (from ${node.parents[0] ?? "<base>"}):`);
                // A merge's migration runs nothing: its ops only join its parents' schemas, and take no lock.
                const parent = node.parents.length > 1 ? undefined : (node.parents[0] ?? null);
                const locks =
                    parent === undefined
                        ? undefined
                        : lib().lockReport(lib().dialectModule(delta.dialect), ops, { online: delta.online === true, start: store.stateAt(parent, delta) });
                describeOps(context, ops, locks);
            });
        }
    },
});
