import { relative } from "node:path";
import type { Argv } from "yargs";
import type { Backfill, Op, OpLock, PlannedRevision, RenameDecisions, ResolvedBind, Schema } from "../../lib/index";
import { parseBackfillHints } from "../backfills/backfill-hints";
import { resolveBackfills, terminalBackfillPrompt } from "../backfills/resolve-backfills";
import type { CommandContext, CommonArgs } from "../context";
import { defineCommand } from "../define-command";
import { describeOps } from "../describe-ops";
import { excludeOption, includeFor } from "../exclude";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { hintsForTables, parseRenameHints } from "../renames/rename-hints";
import { resolveRenames, TerminalPrompt } from "../renames/resolve-renames";
import { revisionOptions, revisionRequest, type RevisionArgs } from "../revision-options";

interface GenerateArgs extends CommonArgs, RevisionArgs {
    readonly dryRun: boolean;
    readonly rename: string[];
    readonly renameTable: string[];
    readonly renames: boolean;
    readonly backfill: string[];
    readonly failOn?: "destructive" | "data-dependent" | "blocking";
    readonly exclude: string[];
    readonly fromDb: boolean;
    readonly online: boolean;
}

const riskRank: Record<Op["risk"], number> = { safe: 0, "data-dependent": 1, destructive: 2 };

export const generateCommand = defineCommand({
    command: "generate",
    aliases: ["migrate"],
    describe: "Compare the entities with the head revision's schema and write a migration",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .options(revisionOptions("auto"))
            .option("dry-run", { type: "boolean", default: false, describe: "Print the migration instead of writing it" })
            .option("rename", { type: "string", array: true, default: [], describe: "A renamed column: [schema.]table.old=new (table: its new name)" })
            .option("rename-table", { type: "string", array: true, default: [], describe: "A renamed table: [schema.]old=new" })
            .option("renames", { type: "boolean", default: true, describe: "Ask about possible renames; --no-renames drops and adds instead" })
            .option("backfill", {
                type: "string",
                array: true,
                default: [],
                describe: "A value for the rows already there where a column becomes NOT NULL without a default: [schema.]table.column=<sql>",
            })
            .option("exclude", excludeOption)
            .option("from-db", {
                type: "boolean",
                default: false,
                describe: "Compare the entities with the live database instead of the head's snapshot (connects)",
            })
            .option("online", {
                type: "boolean",
                default: false,
                describe:
                    "Write lock-friendly forms that let the application keep writing (also `online: true` on a bind in the config). PostgreSQL: CREATE/DROP INDEX CONCURRENTLY (the migration runs outside a transaction), constraints added NOT VALID then VALIDATEd, NOT NULL through a validated check, unique constraints USING a concurrently built index. MySQL/MariaDB: each change names the ALGORITHM= and LOCK= it allows, so the server refuses rather than copy the table under a lock. SQLite: ignored",
            })
            .option("fail-on", {
                choices: ["destructive", "data-dependent", "blocking"] as const,
                describe: "Exit 1 without writing if an op is this risky, or (blocking) makes writes wait while a table is scanned or rewritten (for CI)",
            })
            .example('$0 generate -m "Added new fields"', "write <timestamp>-added-new-fields.ts where the DataSource's migrations glob looks (after init -d)")
            .example("$0 generate -d src/data-source.ts", "the same for this data source, named <timestamp>-auto")
            .example('$0 generate -d src/data-source.ts -m "x" --dry-run', "show the migration without writing it")
            .example('$0 generate -d src/data-source.ts -m "x" --rename user.name=fullName', "the column user.name became fullName: keep its data")
            .example('$0 generate -d src/data-source.ts -m "x" --rename-table author=writer', "the table author became writer")
            .example('$0 generate -d src/data-source.ts -m "x" --backfill "user.phone=\'\'"', "user.phone becomes NOT NULL: its NULLs become ''"),
    handler: async (args: GenerateArgs, context: CommandContext) => {
        const binds = await context.selectedBinds();
        // Every bind is read and planned before any file is written: a bad entity file, an
        // unresolved rename or --fail-on in one bind leaves every bind's folder as it was.
        const read: BindSchema[] = [];
        for (const bind of binds)
            read.push({
                bind,
                schema: await context.inBind(bind, async () => lib().readBindSchema(bind)),
            });
        const hints = (schema: Schema) => parseRenameHints(args.rename, args.renameTable, schema.defaultSchema);
        if (binds.length > 1) checkEveryHintHasABind(args, read);
        checkEveryBackfillHasABind(args.backfill, read);
        const planned: [ResolvedBind, PlannedRevision | null, readonly OpLock[]][] = [];
        for (const { bind, schema } of read) {
            const own = binds.length > 1 ? hintsForTables(hints(schema), schema.tables) : hints(schema);
            const p = await context.inBind(bind, () => planBind(context, args, { bind, schema, hints: own }));
            planned.push([bind, p, p === null ? [] : p.locks]);
        }
        if (args.failOn !== undefined) {
            const failOn = args.failOn;
            const risky = planned.filter(([, p, locks]) => p !== null && failsOn(failOn, p.ops, locks));
            if (risky.length > 0) {
                for (const [bind, , locks] of risky) await context.inBind(bind, async () => describeOps(context, opsOf(locks), locks));
                if (failOn !== "blocking") context.say(`Not written: --fail-on ${failOn} and the changes above include such ops.`);
                else {
                    const blocking = risky.flatMap(([, , locks]) =>
                        lib()
                            .blockingOps(locks)
                            .map(({ op }) => `${op.kind} (${op.reasons[0] ?? ""})`),
                    );
                    context.say(`Not written: --fail-on blocking and these changes block writes: ${blocking.join(", ")}.`);
                }
                return ExitCode.differences;
            }
        }
        for (const [bind, p, locks] of planned) {
            await context.inBind(bind, async () => {
                if (p === null) return context.say("No changes in schema detected.");
                if (args.dryRun) return void process.stdout.write(lib().migrationSource(p.migrationText, p.className, bind.migrationFiles.module));
                describeOps(context, opsOf(locks), locks);
                const { migrationFile } = lib().writeRevision(bind.migrationsDir, p, bind.migrationFiles);
                context.say(`Generated ${relative(process.cwd(), migrationFile)} (revision ${p.revision})`);
            });
        }
        return ExitCode.ok;
    },
});

/** Whether the planned ops cross the `--fail-on` line: a risk at least as high, or a lock that blocks writes. */
function failsOn(failOn: NonNullable<GenerateArgs["failOn"]>, ops: readonly Op[], locks: readonly OpLock[]): boolean {
    if (failOn === "blocking") return locks.some(({ lock }) => lock.blocking);
    return ops.some((op) => riskRank[op.risk] >= riskRank[failOn]);
}

/** The ops the migration runs, each with its lock (from `--from-db`'s live schema these are not the delta's). */
function opsOf(locks: readonly OpLock[]): Op[] {
    return locks.map(({ op }) => op);
}

function isOnline(args: GenerateArgs, bind: ResolvedBind): boolean {
    return args.online || bind.online === true;
}

interface BindSchema {
    readonly bind: ResolvedBind;
    readonly schema: Schema;
}

/** One bind's entities and the rename hints that are its. */
interface BindChanges extends BindSchema {
    readonly hints: RenameDecisions;
}

async function planBind(context: CommandContext, args: GenerateArgs, changes: BindChanges): Promise<PlannedRevision | null> {
    if (!args.fromDb) return planFrom(args, changes, null);
    if (lib().hasSchemaTargets(changes.bind)) {
        // The live read holds every tenant's schema; the chain is the tenant-relative one.
        throw new CliError(
            `bind "${changes.bind.name}" runs in each tenant's schema: --from-db reads one database, not yet a fleet of schemas`,
            ExitCode.badInput,
        );
    }
    // As TypeORM's own generator does: the live database, not the snapshot, is what the SQL starts from.
    return context.withBindConnection(changes.bind, async (dataSource) =>
        planFrom(
            args,
            changes,
            await lib().introspect(dataSource, { reference: changes.schema, include: includeFor([...changes.bind.exclude, ...args.exclude]) }),
        ),
    );
}

async function planFrom(args: GenerateArgs, { bind, schema, hints }: BindChanges, live: Schema | null): Promise<PlannedRevision | null> {
    const { planRevision, planFromDatabase, RevisionStore, filterSchema, backfillsNeeded } = lib();
    const include = includeFor([...bind.exclude, ...args.exclude]);
    const store = RevisionStore.open(bind.migrationsDir);
    const base = live ?? store.stateAt(store.graph.head(), schema, schema);
    const prompt = process.stdin.isTTY && args.renames ? new TerminalPrompt() : null;
    const visible = (s: Schema) => (include ? filterSchema(s, include) : s);
    const renames = await resolveRenames(visible(base), visible(schema), hints, {
        noRenames: !args.renames,
        ask: prompt?.ask ?? null,
    }).finally(() => prompt?.close());
    const given = backfillsFor(parseBackfillHints(args.backfill, schema.defaultSchema), schema);
    const plan = (backfills: readonly Backfill[]) => {
        const request = { ...revisionRequest(args, bind), renames, include, backfills, online: isOnline(args, bind) };
        return live === null ? planRevision(store, schema, request) : planFromDatabase(store, schema, live, request);
    };
    const first = plan(given);
    const needed = backfillsNeeded(first?.ops ?? []);
    if (needed.length === 0) return checkBackfillsUsed(given, first);
    const asker = process.stdin.isTTY ? terminalBackfillPrompt() : null;
    const answers = await resolveBackfills(needed, schema.defaultSchema, asker?.ask ?? null).finally(() => asker?.close());
    return checkBackfillsUsed(given, plan([...given, ...answers]));
}

/** The hints whose table is in this bind's entities. */
function backfillsFor(backfills: readonly Backfill[], schema: Schema): Backfill[] {
    return backfills.filter((b) => schema.tables.some((t) => t.schema === b.table.schema && t.table === b.table.table));
}

/** A value given for a column that does not become NOT NULL is a mistake the user should hear of. */
function checkBackfillsUsed(given: readonly Backfill[], planned: PlannedRevision | null): PlannedRevision | null {
    const { makesNotNull, notNullColumn } = lib();
    const used = (planned?.ops ?? [])
        .filter(makesNotNull)
        .filter((op) => op.backfill !== undefined)
        .map(notNullColumn);
    const unused = given.filter((b) => !used.some((column) => column.schema === b.table.schema && column.table === b.table.table && column.name === b.column));
    if (unused.length > 0) {
        const names = unused.map((b) => `${b.table.table}.${b.column}`).join(", ");
        throw new CliError(`--backfill ${names}: no such column becomes NOT NULL in this migration`, ExitCode.badInput);
    }
    return planned;
}

function checkEveryBackfillHasABind(hints: readonly string[], read: readonly BindSchema[]): void {
    const orphan = hints.filter((hint) => !read.some(({ schema }) => backfillsFor(parseBackfillHints([hint], schema.defaultSchema), schema).length > 0));
    if (orphan.length > 0) throw new CliError(`${orphan.map((h) => `--backfill ${h}`).join(", ")}: the entities have no such table`, ExitCode.badInput);
}

function checkEveryHintHasABind(args: GenerateArgs, read: readonly BindSchema[]): void {
    const claimed = (columns: string[], tables: string[]) =>
        read.some(({ schema }) => {
            const own = hintsForTables(parseRenameHints(columns, tables, schema.defaultSchema), schema.tables);
            return own.columns.length + own.tables.length > 0;
        });
    const orphan = [
        ...args.rename.filter((hint) => !claimed([hint], [])).map((hint) => `--rename ${hint}`),
        ...args.renameTable.filter((hint) => !claimed([], [hint])).map((hint) => `--rename-table ${hint}`),
    ];
    if (orphan.length > 0) throw new CliError(`${orphan.join(", ")}: no bind has that table (pass --bind to pick one)`, ExitCode.badInput);
}
