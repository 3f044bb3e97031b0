import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { revisionJson, revisionLine } from "../describe-revision";
import { jsonOption, printBindsJson } from "../json-output";
import { lib } from "../lib";
import { defineCommand } from "../define-command";

interface HeadsArgs extends CommonArgs {
    readonly json: boolean;
}

export const headsCommand = defineCommand({
    command: "heads",
    describe: "Show each bind's head revisions (more than one: branches to merge)",
    builder: (yargs: Argv<CommonArgs>) => yargs.option("json", jsonOption).example("$0 heads", "<parent> -> <revision> (head), <message>"),
    handler: async (args: HeadsArgs, context: CommandContext) => {
        const report: { bind: string; heads: unknown[] }[] = [];
        for (const bind of await context.selectedBinds()) {
            await context.inBind(bind, async () => {
                const { graph } = lib().RevisionStore.open(bind.migrationsDir);
                const heads = graph.heads().map((revision) => graph.get(revision));
                if (args.json) return void report.push({ bind: bind.name, heads: heads.map((node) => revisionJson(graph, node)) });
                for (const node of heads) context.say(revisionLine(graph, node) + (args.verbose ? `  [${node.file}]` : ""));
                if (heads.length === 0) context.say("No revisions yet.");
                if (heads.length > 1) context.say(`${heads.length} heads: run \`typeorm-migrate merge -m "<message>"\` to join them.`);
            });
        }
        if (args.json) printBindsJson(report);
    },
});
