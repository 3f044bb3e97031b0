import type { Argv } from "yargs";
import { checkDatabases } from "../check-database";
import type { CommandContext, CommonArgs } from "../context";
import { databasePosition, describeBehind } from "../database-position";
import { defineCommand } from "../define-command";
import { describeOps } from "../describe-ops";
import { excludeOption, includeFor } from "../exclude";
import { ExitCode } from "../exit-codes";
import { jsonOption, printBindsJson } from "../json-output";
import { lib } from "../lib";
import { schemaPatch } from "../schema-patch";
import { fleetOptions, type FleetArgs } from "../fleet/fleet-options";

interface CheckArgs extends CommonArgs, FleetArgs {
    readonly exclude: string[];
    readonly json: boolean;
    readonly strict: boolean;
    readonly db: boolean;
}

export const checkCommand = defineCommand({
    command: "check",
    describe: "Exit 1 if the entities differ from the head revision's schema, on any bind; also says when a reachable database is behind head",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .option("exclude", excludeOption)
            .option("json", jsonOption)
            .options(fleetOptions)
            .option("db", {
                type: "boolean",
                default: false,
                describe: "Instead, connect and compare each database with the snapshot of the revision it is at (drift)",
            })
            .option("strict", {
                type: "boolean",
                default: false,
                describe:
                    "Connect (failing if it cannot), and also exit 1 if the database is behind head or an applied migration was edited since it was applied",
            })
            .example("$0 check -d src/data-source.ts", "in CI: fail when a migration is missing")
            .example("$0 check --bind analytics", "only the analytics bind of typeorm-migrate.config.ts")
            .example("$0 check --db", "find changes made to the databases by hand")
            .example("$0 check --strict", "before a release: the database is at head and no applied migration was edited")
            .example("$0 check -d src/data-source.ts --verbose", "also show the schema difference line by line"),
    handler: async (args: CheckArgs, context: CommandContext) => {
        if (args.db) return checkDatabases(context, args, await context.selectedBinds());
        const { readBindSchema, pendingChanges, RevisionStore } = lib();
        let exitCode: number = ExitCode.ok;
        const report: { bind: string; changes: unknown[]; edited: readonly string[]; database: unknown }[] = [];
        for (const bind of await context.selectedBinds()) {
            await context.inBind(bind, async () => {
                const schema = await readBindSchema(bind);
                const include = includeFor([...bind.exclude, ...args.exclude]);
                const store = RevisionStore.open(bind.migrationsDir);
                const { ops, base } = pendingChanges(store, schema, { include });
                if (ops.length > 0) exitCode = ExitCode.differences;
                // Where the database stands, when it can be reached: "no changes" says nothing about a database behind head.
                const position = await databasePosition(context, bind, { store, required: args.strict });
                const edited = position?.edited ?? [];
                const behind = position === null ? null : describeBehind(position);
                if (args.strict && (edited.length > 0 || behind !== null)) exitCode = ExitCode.differences;
                if (args.json) {
                    return void report.push({
                        bind: bind.name,
                        changes: ops.map((op) => ({ kind: op.kind, risk: op.risk, reasons: op.reasons })),
                        edited,
                        database: position === null ? null : { at: position.at, heads: position.heads, pending: position.pending },
                    });
                }
                for (const revision of edited) context.say(`${revision} was edited after it was applied to the database`);
                if (ops.length === 0) context.say("No changes in schema detected.");
                else {
                    context.say(`${ops.length} change(s) not covered by a migration:`);
                    describeOps(context, ops);
                    if (args.verbose) process.stdout.write(schemaPatch("head revision", base, "entities", schema));
                }
                if (behind !== null) context.say(`${behind}: run typeorm-migrate upgrade`);
            });
        }
        if (args.json) printBindsJson(report);
        return exitCode;
    },
});
