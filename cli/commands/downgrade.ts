import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { applyRevisions } from "../apply-revisions";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { printOfflineSql } from "../print-offline-sql";
import { defineCommand } from "../define-command";
import { inDoubtOption } from "../in-doubt-option";
import { applyOptions, runOptions, type RunArgs } from "../run-options";
import { fleetOptions, requireNamedTarget, type FleetArgs } from "../fleet/fleet-options";
import { jsonOption } from "../json-output";

interface DowngradeArgs extends CommonArgs, RunArgs, FleetArgs {
    readonly target?: string;
    readonly allBinds: boolean;
    readonly resume: boolean;
    readonly inDoubt?: "applied" | "not-applied";
    readonly sql: boolean;
}

export const downgradeCommand = defineCommand({
    command: "downgrade [target]",
    describe: "Revert migrations down to a revision (default: one step back; base: all)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("target", { type: "string", describe: "base, a revision id or unique prefix, -N, or <rev>-N (default: -1)" })
            .option("all-binds", { type: "boolean", default: false, describe: "With several binds: revert on every one (otherwise name one with --bind)" })
            .options(runOptions)
            .options(fleetOptions)
            .option("json", jsonOption)
            .option("resume", {
                type: "boolean",
                default: false,
                describe: "Continue a down migration that stopped part way without a transaction (MySQL, --transaction none)",
            })
            .options(inDoubtOption)
            .option("sql", {
                type: "boolean",
                default: false,
                describe: "Print the SQL instead of running it, without connecting; the target must be a range <from>:<to>",
            })
            .example("$0 downgrade -d src/data-source.ts", "revert the last migration")
            .example("$0 downgrade base -d src/data-source.ts", "revert every migration")
            .example("$0 downgrade -2 -d src/data-source.ts", "revert the last two migrations")
            .example("$0 downgrade --bind analytics", "one step back on the analytics bind only")
            .example("$0 downgrade head:base --sql > downgrade.sql", "the SQL that reverts everything, for a DBA"),
    handler: async (args: DowngradeArgs, context: CommandContext) => {
        const binds = await context.selectedBinds();
        // Reverting every database at once is too easy to do by accident.
        if (binds.length > 1 && !args.allBinds) {
            throw new CliError(`several binds (${binds.map((b) => b.name).join(", ")}): name one with --bind <name>, or pass --all-binds`, ExitCode.badInput);
        }
        if (args.sql) return printOfflineSql(context, binds, { command: "downgrade", spec: args.target ?? "", transaction: args.transaction });
        requireNamedTarget(binds, args.target, "downgrade", args.url);
        return applyRevisions(context, binds, {
            direction: "down",
            chooseTarget: (store, state) => {
                const current = store.graph.currentHeads(state.applied);
                if (args.target !== undefined) return lib().resolveTarget(store.graph, args.target, current);
                if (current.length === 0) return undefined;
                if (current.length > 1) {
                    throw new CliError(`the database is at several revisions (${current.join(", ")}): name the target`, ExitCode.badInput);
                }
                return store.graph.get(current[0]).parents[0] ?? null;
            },
            options: applyOptions(args),
            fleet: args,
        });
    },
});
