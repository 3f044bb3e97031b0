import type { Argv, CommandModule } from "yargs";
import { describeDirty } from "../../lib/runner/errors";
import { inBind, say, selectedBinds, withBindConnection, type CommonArgs } from "../context";
import { warnEdited } from "../apply-revisions";
import { revisionJson } from "../describe-revision";
import { jsonOption, printBindsJson } from "../json-output";
import { lib } from "../lib";
import { runCommand } from "../run-command";

interface CurrentArgs extends CommonArgs {
    readonly json: boolean;
}

export const currentCommand: CommandModule<CommonArgs, CurrentArgs> = {
    command: "current",
    describe: "Show the revision(s) each bind's database is at",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("json", jsonOption)
        .example("$0 current -d src/data-source.ts", "3f9c2a1b7d4e (head), Added new fields")
        .example("$0 current --json", "{ \"binds\": [{ \"bind\": \"default\", \"current\": [...] }] }") as unknown as Argv<CurrentArgs>,
    handler: runCommand(async (args: CurrentArgs) => {
        const { Runner } = lib();
        const report: { bind: string; [fact: string]: unknown }[] = [];
        for (const bind of await selectedBinds(args)) {
            await inBind(bind, () => withBindConnection(bind, args, async (dataSource, store) => {
                const runner = new Runner(dataSource, store);
                const state = await runner.state();
                const { applied, foreign, missing } = state;
                const heads = new Set(store.graph.heads());
                const current = store.graph.currentHeads(applied);
                const dirty = await runner.dirty();
                if (args.json) {
                    return void report.push({
                        bind: bind.name,
                        current: current.map((revision) => revisionJson(store.graph, store.graph.get(revision))),
                        pending: store.graph.toApply(applied, store.graph.heads()).map((node) => node.revision),
                        foreign,
                        missing,
                        edited: state.edited,
                        dirty,
                    });
                }
                if (current.length === 0) say("<base> (no revision applied)");
                for (const revision of current) {
                    const node = store.graph.get(revision);
                    say(`${revision}${heads.has(revision) ? " (head)" : ""}, ${node.message}${args.verbose ? `  [${node.name}]` : ""}`);
                }
                warnEdited(store, state);
                if (foreign.length > 0) say(`Also recorded, not in the migrations folder: ${foreign.join(", ")}`);
                if (missing.length > 0) say(`Applied by this tool, but the file is gone from the migrations folder: ${missing.join(", ")}`);
                if (dirty) say(`DIRTY: ${describeDirty(dirty, false)}; migration ${dirty.name}`);
            }));
        }
        if (args.json) printBindsJson(report);
    }),
};
