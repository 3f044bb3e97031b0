import type { Argv } from "yargs";
import type { ResolvedBind, RevisionNode } from "../../lib/index";
import type { CommandContext, CommonArgs } from "../context";
import { revisionJson, revisionLine } from "../describe-revision";
import { CliError, ExitCode } from "../exit-codes";
import { jsonOption, printBindsJson } from "../json-output";
import { lib } from "../lib";
import { defineCommand } from "../define-command";

interface HistoryArgs extends CommonArgs {
    readonly revRange?: string;
    readonly indicateCurrent: boolean;
    readonly graph: boolean;
    readonly format: "text" | "mermaid";
    readonly json: boolean;
}

export const historyCommand = defineCommand({
    command: "history",
    describe: "List each bind's revisions, newest first (reads files only, unless --indicate-current)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .option("rev-range", { alias: "r", type: "string", describe: "Only <from>:<to> (either end may be left out; ids, head, base, current)" })
            .option("indicate-current", { alias: "i", type: "boolean", default: false, describe: "Mark the revisions the database is at (connects)" })
            .option("graph", { type: "boolean", default: false, describe: "Draw branches and merges, as git log --graph does" })
            .option("format", {
                type: "string",
                choices: ["text", "mermaid"] as const,
                default: "text" as const,
                describe: "mermaid: the graph as a Mermaid flowchart",
            })
            .option("json", jsonOption)
            .example("$0 history", "<parent> -> <revision> (head), <message>")
            .example("$0 history -r 3f9c:head -v", "from 3f9c on, with files")
            .example("$0 history --graph", "the branches and merges as text")
            .example("$0 history --format mermaid", "the same as a Mermaid flowchart, for a README or a pull request"),
    handler: async (args: HistoryArgs, context: CommandContext) => {
        if (args.json && args.format === "mermaid") throw new CliError("--json and --format mermaid each print the whole history: pick one", ExitCode.badInput);
        const report: { bind: string; revisions: unknown[] }[] = [];
        const pictures: string[] = [];
        const binds = await context.selectedBinds();
        for (const bind of binds) {
            await context.inBind(bind, async () => {
                const store = lib().RevisionStore.open(bind.migrationsDir);
                const { graph } = store;
                const current = args.indicateCurrent || /(^|:)current/.test(args.revRange ?? "") ? await currentOf(context, bind) : [];
                const range = args.revRange?.replace(/(^|:)current(?=$|:|[+-])/g, (_, colon: string) => `${colon}${currentRevision(current)}`);
                const nodes: readonly RevisionNode[] = range === undefined ? graph.all() : lib().resolveRange(graph, range, current);
                const marked = new Set(args.indicateCurrent ? current : []);
                if (args.json) return void report.push({ bind: bind.name, revisions: [...nodes].reverse().map((node) => revisionJson(graph, node, marked)) });
                if (args.format === "mermaid") {
                    const title = binds.length > 1 ? { title: bind.name } : {};
                    return void pictures.push(
                        `${lib()
                            .mermaidHistory(graph, { nodes, current: marked, ...title })
                            .join("\n")}\n`,
                    );
                }
                const describe = (node: RevisionNode) => revisionLine(graph, node, marked);
                if (args.graph) {
                    for (const line of lib().drawGraph(graph, describe, nodes)) context.say(line);
                } else {
                    for (const node of [...nodes].reverse()) {
                        context.say(describe(node));
                        if (args.verbose) context.say(`    ${node.name}  ${node.file}`);
                        // A baseline stands on the TypeORM migrations the adopted database had recorded.
                        const adopts = node.parents.length === 0 ? (store.delta(node.revision).adopts ?? []) : [];
                        for (const name of adopts) context.say(`    on top of TypeORM migration ${name}`);
                    }
                }
                if (graph.size === 0) context.say("No revisions yet.");
            });
        }
        if (args.json) printBindsJson(report);
        if (args.format === "mermaid") process.stdout.write(pictures.join("\n"));
    },
});

function currentOf(context: CommandContext, bind: ResolvedBind): Promise<string[]> {
    return context.withBindConnection(bind, async (dataSource, store) =>
        store.graph.currentHeads((await new (lib().Runner)(dataSource, store).state()).applied),
    );
}

function currentRevision(current: readonly string[]): string {
    if (current.length > 1)
        throw new CliError(`the database is at several revisions (${current.join(", ")}): name one instead of "current"`, ExitCode.badInput);
    return current[0] ?? "base";
}
