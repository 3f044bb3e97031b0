import type { Argv, CommandModule } from "yargs";
import type { ResolvedBind } from "../../lib/config/resolve-config";
import { inBind, say, selectedBinds, withBindConnection, type CommonArgs } from "../context";
import { checkDatabases } from "../check-database";
import { describeOps } from "../describe-ops";
import { ExitCode } from "../exit-codes";
import { jsonOption, printBindsJson } from "../json-output";
import { lib } from "../lib";
import { runCommand } from "../run-command";
import { excludeOption, includeFor } from "../exclude";

interface CheckArgs extends CommonArgs {
    readonly exclude: string[];
    readonly json: boolean;
    readonly strict: boolean;
    readonly db: boolean;
}

export const checkCommand: CommandModule<CommonArgs, CheckArgs> = {
    command: "check",
    describe: "Exit 1 if the entities differ from the head revision's schema, on any bind (connects only with --strict)",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("exclude", excludeOption)
        .option("json", jsonOption)
        .option("db", { type: "boolean", default: false, describe: "Instead, connect and compare each database with the snapshot of the revision it is at (drift)" })
        .option("strict", { type: "boolean", default: false, describe: "Also connect and fail if an applied migration was edited since it was applied" })
        .example("$0 check -d src/data-source.ts", "in CI: fail when a migration is missing")
        .example("$0 check --bind analytics", "only the analytics bind of typeorm-migrate.config.ts")
        .example("$0 check --db", "find changes made to the databases by hand")
        .example("$0 check -d src/data-source.ts --verbose", "also show the schema difference line by line") as unknown as Argv<CheckArgs>,
    handler: runCommand(async (args: CheckArgs) => {
        if (args.db) return checkDatabases(args, await selectedBinds(args));
        const { readSchema, pendingChanges, RevisionStore, serializeSchema } = lib();
        let exitCode: number = ExitCode.ok;
        const report: { bind: string; changes: unknown[]; edited: readonly string[] }[] = [];
        for (const bind of await selectedBinds(args)) {
            await inBind(bind, async () => {
                const schema = await readSchema(await bind.dataSource(), { serverVersion: bind.serverVersion });
                const include = includeFor([...bind.exclude, ...args.exclude]);
                const { ops, base } = pendingChanges(RevisionStore.open(bind.migrationsDir), schema, { include });
                if (ops.length > 0) exitCode = ExitCode.differences;
                const edited = args.strict ? await editedMigrations(bind, args) : [];
                if (edited.length > 0) exitCode = ExitCode.differences;
                if (args.json) return void report.push({ bind: bind.name, changes: ops.map((op) => ({ kind: op.kind, risk: op.risk, reasons: op.reasons })), edited });
                for (const revision of edited) say(`${revision} was edited after it was applied to the database`);
                if (ops.length === 0) return say("No changes in schema detected.");
                say(`${ops.length} change(s) not covered by a migration:`);
                describeOps(ops, args.verbose);
                if (args.verbose) {
                    const { createTwoFilesPatch } = require("diff") as typeof import("diff");
                    process.stdout.write(createTwoFilesPatch("head revision", "entities", serializeSchema(base), serializeSchema(schema)));
                }
            });
        }
        if (args.json) printBindsJson(report);
        return exitCode;
    }),
};

function editedMigrations(bind: ResolvedBind, args: CommonArgs): Promise<readonly string[]> {
    return withBindConnection(bind, args, async (dataSource, store) => (await new (lib().Runner)(dataSource, store).state()).edited);
}
