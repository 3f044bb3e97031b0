import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { describeTarget } from "../apply-revisions";
import { lib } from "../lib";
import { printOfflineSql } from "../print-offline-sql";
import { defineCommand } from "../define-command";
import { lockTimeoutMs, runOptions } from "../run-options";
import { FleetRun } from "../fleet/fleet-run";
import { fleetOptions, requireNamedTarget, type FleetArgs } from "../fleet/fleet-options";
import { jsonOption } from "../json-output";

interface StampArgs extends CommonArgs, FleetArgs {
    readonly target: string;
    readonly sql: boolean;
    readonly purge: boolean;
    readonly lockTimeout?: number;
}

export const stampCommand = defineCommand({
    command: "stamp <target>",
    describe: "Record the database as being at a revision without running migrations (clears a dirty bind)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("target", { type: "string", demandOption: true, describe: "head, heads, base, a revision id or unique prefix, +N / -N" })
            .option("purge", { type: "boolean", default: false, describe: "First empty the migrations table, rows of other tools included" })
            .option("lock-timeout", runOptions["lock-timeout"])
            .options(fleetOptions)
            .option("json", jsonOption)
            .option("sql", {
                type: "boolean",
                default: false,
                describe: "Print the INSERTs / DELETEs instead of running them, without connecting; the target may be a range <from>:<to> (default from: base)",
            })
            .example("$0 stamp head -d src/data-source.ts", "the database already has the schema of head")
            .example("$0 stamp 3f9c --bind analytics", "after repairing a failed MySQL migration by hand")
            .example("$0 stamp head --purge", "forget every recorded migration, then record head and its ancestors"),
    handler: async (args: StampArgs, context: CommandContext) => {
        if (args.sql) return printOfflineSql(context, await context.selectedBinds(), { command: "stamp", spec: args.target });
        requireNamedTarget(await context.selectedBinds(), args.target, "stamp", args.url);
        const fleet = new FleetRun(context, args, "rerun `stamp` to continue: stamping again records nothing twice");
        for (const bind of await context.selectedBinds()) {
            await context.inBind(bind, () =>
                fleet.run(bind, (database, target) =>
                    database.withBindConnection(
                        bind,
                        async (dataSource, store) => {
                            const runner = new (lib().Runner)(dataSource, store);
                            const current = store.graph.currentHeads((await runner.state()).applied);
                            const to = lib().resolveTarget(store.graph, args.target, current);
                            const { recorded, removed } = await runner.stamp(to, { purge: args.purge, lockTimeoutMs: lockTimeoutMs(args) });
                            database.say(
                                `Stamped ${describeTarget(to)}${args.purge ? " (migrations table purged first)" : ""}${recorded.length > 0 ? `; recorded ${recorded.join(", ")}` : ""}${removed.length > 0 ? `; removed ${removed.join(", ")}` : ""}.`,
                            );
                            return { from: describeTarget(current), to: describeTarget(to), status: "stamped" };
                        },
                        target,
                    ),
                ),
            );
        }
        return fleet.finish();
    },
});
