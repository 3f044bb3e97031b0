import { relative } from "node:path";
import type { Argv, CommandModule } from "yargs";
import type { Op } from "../../lib/diff/ops";
import { loadUserDataSource, migrationsDir, say, type CommonArgs } from "../context";
import { describeOps } from "../describe-ops";
import { ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { parseRenameHints } from "../renames/rename-hints";
import { resolveRenames, TerminalPrompt } from "../renames/resolve-renames";
import { runCommand } from "../run-command";
import { excludeOption, includeFor } from "../exclude";

interface GenerateArgs extends CommonArgs {
    readonly message: string;
    readonly dryRun: boolean;
    readonly revId?: string;
    readonly timestamp?: number;
    readonly rename: string[];
    readonly renameTable: string[];
    readonly renames: boolean;
    readonly failOn?: "destructive" | "data-dependent";
    readonly exclude: string[];
}

const riskRank: Record<Op["risk"], number> = { safe: 0, "data-dependent": 1, destructive: 2 };

export const generateCommand: CommandModule<CommonArgs, GenerateArgs> = {
    command: "generate",
    aliases: ["migrate"],
    describe: "Compare the entities with the head revision's schema and write a migration",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .option("message", { alias: "m", type: "string", demandOption: true, describe: "What the migration does" })
        .option("dry-run", { type: "boolean", default: false, describe: "Print the migration instead of writing it" })
        .option("rev-id", { type: "string", describe: "Use this revision id instead of a random one" })
        .option("timestamp", { type: "number", describe: "Use this 13-digit millisecond timestamp in the class name" })
        .option("rename", { type: "string", array: true, default: [], describe: "A renamed column: [schema.]table.old=new (table: its new name)" })
        .option("rename-table", { type: "string", array: true, default: [], describe: "A renamed table: [schema.]old=new" })
        .option("renames", { type: "boolean", default: true, describe: "Ask about possible renames; --no-renames drops and adds instead" })
        .option("exclude", excludeOption)
        .option("fail-on", { choices: ["destructive", "data-dependent"] as const, describe: "Exit 1 without writing if an op is this risky (for CI)" })
        .example("$0 generate -d src/data-source.ts -m \"Added new fields\"", "write migrations/default/<timestamp>-added-new-fields.ts")
        .example("$0 generate -d src/data-source.ts -m \"x\" --dry-run", "show the migration without writing it")
        .example("$0 generate -d src/data-source.ts -m \"x\" --rename user.name=fullName", "the column user.name became fullName: keep its data")
        .example("$0 generate -d src/data-source.ts -m \"x\" --rename-table author=writer", "the table author became writer") as unknown as Argv<GenerateArgs>,
    handler: runCommand(async (args: GenerateArgs) => {
        const { readSchema, planRevision, RevisionStore, writeRevision, filterSchema } = lib();
        const include = includeFor(args.exclude);
        const dir = migrationsDir(args);
        const schema = await readSchema(loadUserDataSource(args));
        const store = RevisionStore.open(dir);
        const base = store.stateAt(store.graph.head(), schema);
        const prompt = process.stdin.isTTY && args.renames ? new TerminalPrompt() : null;
        const visible = (s: typeof schema) => (include ? filterSchema(s, include) : s);
        const renames = await resolveRenames(visible(base), visible(schema), parseRenameHints(args.rename, args.renameTable, schema.defaultSchema), {
            noRenames: !args.renames,
            ask: prompt?.ask ?? null,
        }).finally(() => prompt?.close());
        const planned = planRevision(store, schema, {
            message: args.message, bind: "default", revisionId: args.revId, timestamp: args.timestamp, now: Date.now(), renames, include,
        });
        if (planned === null) {
            say("No changes in schema detected.");
            return ExitCode.ok;
        }
        if (args.failOn !== undefined) {
            const threshold = riskRank[args.failOn];
            if (planned.ops.some((op) => riskRank[op.risk] >= threshold)) {
                describeOps(planned.ops, args.verbose);
                say(`Not written: --fail-on ${args.failOn} and the changes above include such ops.`);
                return ExitCode.differences;
            }
        }
        if (args.dryRun) {
            process.stdout.write(planned.migrationText);
            return ExitCode.ok;
        }
        describeOps(planned.ops, args.verbose);
        const { migrationFile } = writeRevision(dir, planned);
        say(`Generated ${relative(process.cwd(), migrationFile)} (revision ${planned.revision})`);
        return ExitCode.ok;
    }),
};
