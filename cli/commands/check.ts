import type { Argv, CommandModule } from "yargs";
import { inBind, say, selectedBinds, type CommonArgs } from "../context";
import { checkDatabases } from "../check-database";
import { databasePosition, describeBehind } from "../database-position";
import { describeOps } from "../describe-ops";
import { ExitCode } from "../exit-codes";
import { jsonOption, printBindsJson } from "../json-output";
import { lib } from "../lib";
import { runCommand } from "../run-command";
import { schemaPatch } from "../schema-patch";
import { excludeOption, includeFor } from "../exclude";

interface CheckArgs extends CommonArgs {
    readonly exclude: string[];
    readonly json: boolean;
    readonly strict: boolean;
    readonly db: boolean;
}

export const checkCommand: CommandModule<CommonArgs, CheckArgs> = {
    command: "check",
    describe: "Exit 1 if the entities differ from the head revision's schema, on any bind; also says when a reachable database is behind head",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .option("exclude", excludeOption)
            .option("json", jsonOption)
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
            .example("$0 check -d src/data-source.ts --verbose", "also show the schema difference line by line") as unknown as Argv<CheckArgs>,
    handler: runCommand(async (args: CheckArgs) => {
        if (args.db) return checkDatabases(args, await selectedBinds(args));
        const { readSchema, pendingChanges, RevisionStore } = lib();
        let exitCode: number = ExitCode.ok;
        const report: { bind: string; changes: unknown[]; edited: readonly string[]; database: unknown }[] = [];
        for (const bind of await selectedBinds(args)) {
            await inBind(bind, async () => {
                const schema = await readSchema(await bind.dataSource(), { serverVersion: bind.serverVersion });
                const include = includeFor([...bind.exclude, ...args.exclude]);
                const store = RevisionStore.open(bind.migrationsDir);
                const { ops, base } = pendingChanges(store, schema, { include });
                if (ops.length > 0) exitCode = ExitCode.differences;
                // Where the database stands, when it can be reached: "no changes" says nothing about a database behind head.
                const position = await databasePosition(bind, args, store, args.strict);
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
                for (const revision of edited) say(`${revision} was edited after it was applied to the database`);
                if (ops.length === 0) say("No changes in schema detected.");
                else {
                    say(`${ops.length} change(s) not covered by a migration:`);
                    describeOps(ops, args.verbose);
                    if (args.verbose) process.stdout.write(schemaPatch("head revision", base, "entities", schema));
                }
                if (behind !== null) say(`${behind}: run typeorm-migrate upgrade`);
            });
        }
        if (args.json) printBindsJson(report);
        return exitCode;
    }),
};
