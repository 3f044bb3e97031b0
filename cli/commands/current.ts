import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import type { FleetTarget, ResolvedBind } from "../../lib/index";
import { describeTarget, warnEdited } from "../apply-revisions";
import { revisionJson } from "../describe-revision";
import { FleetRun, type DatabaseReport } from "../fleet/fleet-run";
import { fleetOptions, type FleetArgs } from "../fleet/fleet-options";
import { jsonOption } from "../json-output";
import { lib } from "../lib";
import { summarizeNames } from "../name-list";
import { defineCommand } from "../define-command";

interface CurrentArgs extends CommonArgs, FleetArgs {}

export const currentCommand = defineCommand({
    command: "current",
    describe: "Show the revision(s) each bind's database is at",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .option("json", jsonOption)
            .options(fleetOptions)
            .example("$0 current -d src/data-source.ts", "3f9c2a1b7d4e (head), Added new fields")
            .example("$0 current --json", '{ "binds": [{ "bind": "default", "current": [...] }] }'),
    handler: async (args: CurrentArgs, context: CommandContext) => {
        const fleet = new FleetRun(context, args, "rerun `current` once the failed targets are reachable");
        for (const bind of await context.selectedBinds()) {
            await context.inBind(bind, () => fleet.run(bind, (database, target) => currentOf(database, bind, args, target)));
        }
        return fleet.finish();
    },
});

async function currentOf(context: CommandContext, bind: ResolvedBind, args: CurrentArgs, target: FleetTarget | undefined): Promise<DatabaseReport> {
    const { Runner, adoptedMigrations, describeDirty } = lib();
    return context.withBindConnection(
        bind,
        async (dataSource, store) => {
            const runner = new Runner(dataSource, store);
            const state = await runner.state();
            const { applied, foreign, missing } = state;
            const heads = new Set(store.graph.heads());
            const current = store.graph.currentHeads(applied);
            const pending = store.graph.toApply(applied, store.graph.heads()).map((node) => node.revision);
            const dirty = await runner.dirty();
            const at = describeTarget(current);
            const status = dirty ? "DIRTY" : pending.length > 0 ? `${pending.length} pending` : "at head";
            const json = {
                current: current.map((revision) => revisionJson(store.graph, store.graph.get(revision))),
                pending,
                foreign,
                missing,
                edited: state.edited,
                dirty,
            };
            if (current.length === 0) context.say("<base> (no revision applied)");
            for (const revision of current) {
                const node = store.graph.get(revision);
                context.say(`${revision}${heads.has(revision) ? " (head)" : ""}, ${node.message}${args.verbose ? `  [${node.name}]` : ""}`);
            }
            warnEdited(context, store, state);
            // The TypeORM migrations a baseline stands on are expected; other unclaimed rows are news.
            const adopted = new Set(store.graph.bases().flatMap((base) => adoptedMigrations(store, store.graph.get(base)).map((row) => row.name)));
            const byTimestamp = (names: readonly string[]) => [...names].sort((a, b) => a.slice(-13).localeCompare(b.slice(-13)) || a.localeCompare(b));
            const onTop = byTimestamp(foreign.filter((name) => adopted.has(name)));
            const other = byTimestamp(foreign.filter((name) => !adopted.has(name)));
            if (onTop.length > 0) context.say(`On top of adopted TypeORM migrations: ${summarizeNames(onTop, args.verbose)}`);
            if (other.length > 0) context.say(`Also recorded, not in the migrations folder: ${summarizeNames(other, args.verbose)}`);
            if (missing.length > 0) context.say(`Applied by this tool, but the file is gone from the migrations folder: ${missing.join(", ")}`);
            if (dirty) context.say(`DIRTY: ${describeDirty(dirty, false)}; migration ${dirty.name}`);
            return { from: at, to: at, status, json };
        },
        target,
    );
}
