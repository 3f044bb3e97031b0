import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { applyRevisions } from "../apply-revisions";
import { lib } from "../lib";
import { printOfflineSql } from "../print-offline-sql";
import { defineCommand } from "../define-command";
import { inDoubtOption } from "../in-doubt-option";
import { applyOptions, runOptions, type RunArgs } from "../run-options";
import { fleetOptions, requireNamedTarget, type FleetArgs } from "../fleet/fleet-options";
import { jsonOption } from "../json-output";

interface UpgradeArgs extends CommonArgs, RunArgs, FleetArgs {
    readonly target: string;
    readonly resume: boolean;
    readonly inDoubt?: "applied" | "not-applied";
    readonly sql: boolean;
}

export const upgradeCommand = defineCommand({
    command: "upgrade [target]",
    describe: "Apply migrations up to a revision (default: head), on every bind",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("target", { type: "string", default: "head", describe: "head, heads, a revision id or unique prefix, +N, or <rev>+N" })
            .options(runOptions)
            .options(fleetOptions)
            .option("json", jsonOption)
            .option("resume", {
                type: "boolean",
                default: false,
                describe: "Continue a migration that stopped part way without a transaction (MySQL, --transaction none), skipping the statements it applied",
            })
            .options(inDoubtOption)
            .option("sql", {
                type: "boolean",
                default: false,
                describe: "Print the SQL instead of running it, without connecting; the target may be a range <from>:<to> (default from: base)",
            })
            .example("$0 upgrade -d src/data-source.ts", "apply every pending migration")
            .example("$0 upgrade 3f9c -d src/data-source.ts", "apply up to revision 3f9c...")
            .example("$0 upgrade +1 -d src/data-source.ts", "apply the next migration only")
            .example("$0 upgrade heads", "apply every branch (before they are merged)")
            .example("$0 upgrade --bind analytics", "only the analytics bind of typeorm-migrate.config.ts")
            .example("$0 upgrade --bind tenants --parallel 8", "every target of a bind with `targets`, 8 at a time, a summary at the end")
            .example("$0 upgrade --resume", "after fixing the statement a MySQL migration failed at")
            .example("$0 upgrade --resume --in-doubt applied", "after a kill during a write that the database shows applied")
            .example("$0 upgrade 3f9c:head --sql > upgrade.sql", "the SQL from 3f9c... to head, for a DBA"),
    handler: async (args: UpgradeArgs, context: CommandContext) => {
        const binds = await context.selectedBinds();
        if (args.sql) return printOfflineSql(context, binds, { command: "upgrade", spec: args.target, transaction: args.transaction });
        requireNamedTarget(binds, args.target, "upgrade", args.url);
        return applyRevisions(context, binds, {
            direction: "up",
            chooseTarget: (store, state) => lib().resolveTarget(store.graph, args.target, store.graph.currentHeads(state.applied)),
            options: applyOptions(args),
            fleet: args,
        });
    },
});
