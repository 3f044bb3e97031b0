import type { Argv } from "yargs";
import type { ErdOptions, RevisionStore, Schema } from "../../lib/index";
import type { CommandContext, CommonArgs } from "../context";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { defineCommand } from "../define-command";

interface ErdArgs extends CommonArgs {
    readonly revision?: string;
    readonly format: "mermaid" | "dbml";
    readonly changed?: string;
}

export const erdCommand = defineCommand({
    command: "erd [revision]",
    describe: "Print a revision's schema as a diagram: Mermaid erDiagram or DBML (reads files only)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("revision", { type: "string", describe: "A revision id or unique prefix, head, heads, base, <rev>-N (default: head, or --changed's)" })
            .option("format", { type: "string", choices: ["mermaid", "dbml"] as const, default: "mermaid" as const, describe: "Mermaid erDiagram or DBML" })
            .option("changed", { type: "string", describe: "Mark what this revision added, altered and dropped" })
            .example("$0 erd > schema.mmd", "the head's schema as a Mermaid erDiagram")
            .example("$0 erd 3f9c --format dbml", "revision 3f9c... as DBML, for dbdiagram.io")
            .example("$0 erd --changed head", "the head, with what it changed marked"),
    handler: async (args: ErdArgs, context: CommandContext) => {
        const binds = await context.selectedBinds();
        const diagrams: string[] = [];
        for (const bind of binds) {
            await context.inBind(bind, async () => {
                const store = lib().RevisionStore.open(bind.migrationsDir);
                if (store.graph.size === 0)
                    throw new CliError("no revisions yet: erd draws a revision's schema", ExitCode.badInput, "run typeorm-migrate generate first");
                const spec = args.revision ?? args.changed ?? "head";
                const revisions = lib().resolveTarget(store.graph, spec);
                const options: ErdOptions = {
                    ...(binds.length > 1 ? { title: bind.name } : {}),
                    caption: caption(store, revisions),
                    ...(args.changed !== undefined ? { changes: changesOf(store, args.changed) } : {}),
                };
                const schema = stateOf(store, revisions);
                diagrams.push(args.format === "dbml" ? lib().dbmlErd(schema, options) : lib().mermaidErd(schema, options));
            });
        }
        process.stdout.write(diagrams.join("\n"));
    },
});

/** The schema a database at `revisions` holds (several heads: merged; none: empty). */
function stateOf(store: RevisionStore, revisions: readonly string[]): Schema {
    return lib().stateOfRevisions(store, revisions, store.delta(store.graph.bases()[0]));
}

function changesOf(store: RevisionStore, spec: string) {
    const revisions = lib().resolveTarget(store.graph, spec);
    if (revisions.length !== 1)
        throw new CliError(`--changed names one revision; ${spec} is ${revisions.length === 0 ? "base" : revisions.join(", ")}`, ExitCode.badInput);
    const [revision] = revisions;
    return lib().schemaChanges(stateOf(store, store.graph.get(revision).parents), store.stateAt(revision), revision);
}

/** `at 3f9c (Added new fields)`, `at base`. */
function caption(store: RevisionStore, revisions: readonly string[]): string {
    if (revisions.length === 0) return "at base";
    return `at ${revisions.map((revision) => `${revision} (${store.graph.get(revision).message})`).join(", ")}`;
}
