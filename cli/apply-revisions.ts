import type { AppliedState, FleetTarget, MigrationResult, ResolvedBind, RevisionNode, RevisionStore, Runner, RunOptions, RunTarget } from "../lib/index";
import type { CommandContext } from "./context";
import { CliError, ExitCode } from "./exit-codes";
import type { FleetArgs } from "./fleet/fleet-options";
import { FleetRun, type DatabaseReport } from "./fleet/fleet-run";
import { lib } from "./lib";
import { ErrorInContext } from "./report-error";

const verbs = { up: "Applying", down: "Reverting" } as const;
const pastTense = { up: "upgraded", down: "downgraded" } as const;

/** Picks a bind's target from its applied state; undefined: nothing to do on this bind. */
export type TargetChooser = (store: RevisionStore, state: AppliedState) => RunTarget | undefined;

/** What `upgrade` or `downgrade` runs on each bind. */
export interface RevisionRun {
    readonly direction: "up" | "down";
    readonly chooseTarget: TargetChooser;
    readonly options?: RunOptions;
    /** How a bind's `targets` are worked through, and whether to print `--json`. */
    readonly fleet: FleetArgs;
}

/**
 * Runs the migrations of each bind in turn, one line per migration. A failure on a bind without
 * targets stops the run: exit 3, naming the migration, the statement, and which binds were done and
 * which were not; a fleet's failed targets are reported at the end (see FleetRun), the run going on.
 */
export async function applyRevisions(context: CommandContext, binds: readonly ResolvedBind[], run: RevisionRun): Promise<number> {
    const stop = new AbortController();
    // Ctrl-C: let the migration under way finish or roll back, run nothing more, release the lock.
    const interrupt = () => {
        context.say("Interrupted: the migration under way completes or rolls back, nothing more runs (Ctrl-C again to quit at once).");
        stop.abort();
        process.once("SIGINT", () => {
            // What ran without a transaction is in the bind's journal: `current` shows it.
            context.say("Quit during the migration under way: if it ran without a transaction, the bind is marked dirty (see `current`).");
            process.exit(ExitCode.interrupted);
        });
    };
    process.once("SIGINT", interrupt);
    try {
        return await applyToEachBind(context, binds, { ...run, options: { ...run.options, signal: stop.signal } });
    } finally {
        process.removeListener("SIGINT", interrupt);
    }
}

async function applyToEachBind(context: CommandContext, binds: readonly ResolvedBind[], run: RevisionRun): Promise<number> {
    const rerun = `rerun \`${run.direction === "up" ? "upgrade" : "downgrade"}\` to continue: targets already at the revision are passed over`;
    const fleet = new FleetRun(context, run.fleet, rerun, run.options?.signal);
    for (const [i, bind] of binds.entries()) {
        if (run.options?.signal?.aborted) throw new CliError(`interrupted before bind "${bind.name}"`, ExitCode.interrupted);
        try {
            await context.inBind(bind, () => fleet.run(bind, (database, target) => applyToBind(database, bind, run, target)));
        } catch (error) {
            if (binds.length < 2 || !(error instanceof Error)) throw error;
            const done = binds.slice(0, i).map((b) => b.name);
            const notDone = binds.slice(i).map((b) => b.name);
            const past = pastTense[run.direction];
            throw new ErrorInContext(error, { after: `; ${past}: ${done.join(", ") || "none"}; not ${past}: ${notDone.join(", ")}${fleet.stoppedEarly()}` });
        }
    }
    return fleet.finish();
}

async function applyToBind(
    context: CommandContext,
    bind: ResolvedBind,
    { direction, chooseTarget, options }: RevisionRun,
    fleetTarget: FleetTarget | undefined,
): Promise<DatabaseReport> {
    return context.withBindConnection(
        bind,
        async (dataSource, store) => {
            const runner = new (lib().Runner)(dataSource, store);
            const state = await runner.state();
            warnEdited(context, store, state);
            const from = describeTarget(store.graph.currentHeads(state.applied));
            const target = chooseTarget(store, state);
            if (target === undefined) {
                context.say("Nothing to downgrade: no revision is applied.");
                return { from, to: from, status: "nothing to downgrade" };
            }
            // `--resume` across a fleet resumes the targets a stopped run left dirty and runs the others as usual.
            const resumable = fleetTarget === undefined || options?.resume !== true || (await runner.dirty()) !== null;
            const migrations = await runRevisions(context, runner, direction, target, resumable ? options : { ...options, resume: false });
            return { from, to: describeTarget(target), status: migrations === 0 ? "already there" : `${pastTense[direction]} (${migrations} migration(s))` };
        },
        fleetTarget,
    );
}

/** Runs the migrations up or down to `target`, one line each; the number run. */
async function runRevisions(
    context: CommandContext,
    runner: Runner,
    direction: RevisionRun["direction"],
    target: RunTarget,
    options: RunOptions | undefined,
): Promise<number> {
    const started = Date.now();
    const progress = new Progress(context, direction);
    const run = { ...options, onStart: progress.started };
    const results = await runOrExplain(context, () =>
        direction === "up" ? runner.upgrade(target, progress.finished, run) : runner.downgrade(target, progress.finished, run),
    );
    if (results.length === 0) context.say(`Already at ${describeTarget(target)}.`);
    const failed = results.find((r) => r.status === "failed");
    if (failed) throw failure(context, failed, results);
    const skipped = results.filter((r) => r.status === "not-run").map((r) => r.revision);
    if (skipped.length > 0) throw new CliError(`interrupted: not run: ${skipped.join(", ")}`, ExitCode.interrupted);
    if (results.length > 0) context.say(`Done: ${results.length} migration(s) in ${Date.now() - started} ms.`);
    return results.length;
}

/** A dirty bind refuses to run: list what its stopped run left applied before saying so. */
async function runOrExplain(context: CommandContext, run: () => Promise<MigrationResult[]>): Promise<MigrationResult[]> {
    const { DirtyBindError, isReadOnlyStatement, oneLine } = lib();
    try {
        return await run();
    } catch (error) {
        if (error instanceof DirtyBindError) {
            const { dirty } = error;
            context.say(`Applied by the stopped run of ${dirty.revision} (${dirty.name}):`);
            for (const sql of dirty.applied) context.say(`  ${oneLine(sql, 200)}`);
            const stop = dirty.stoppedAt;
            if (stop?.state === "failed") context.say(`Failed: ${oneLine(stop.statement, 200)}: ${(stop.error ?? "").split("\n")[0]}`);
            if (stop?.state === "started")
                context.say(
                    `Cut off during: ${oneLine(stop.statement, 200)}${isReadOnlyStatement(stop.statement) ? " (a read)" : " (it may or may not have applied)"}`,
                );
        }
        throw error;
    }
}

function failure(context: CommandContext, failed: MigrationResult, results: readonly MigrationResult[]): CliError {
    const { ResumeMismatchError, LockWaitError, isReadOnlyStatement, oneLine } = lib();
    const what = `migration ${failed.revision} (${failed.name})`;
    const [reason, ...details] = failed.error?.message.split("\n") ?? ["unknown error"];
    // A data check's failure lists each failed check on a line of its own.
    for (const line of details) context.say(line);
    const others = othersInRun(results);
    if (failed.error instanceof ResumeMismatchError) {
        return new CliError(`${what}: ${reason}; the bind stays dirty as the stopped run left it${others}`, ExitCode.failure);
    }
    if (failed.leaves === "rolled-back") return new CliError(`${what} failed and was rolled back: ${reason}${others}`, ExitCode.failure);
    const at = failed.failedStatement === undefined ? "" : ` at ${oneLine(failed.failedStatement)}`;
    if (failed.leaves !== "dirty") return new CliError(`${what} failed${at}: ${reason}; nothing of it was applied${others}`, ExitCode.failure);
    // No transaction around it: say exactly where the database stands.
    const applied = failed.appliedStatements ?? [];
    if (applied.length > 0) {
        context.say(`Statements of ${failed.revision} that stayed applied:`);
        for (const sql of applied) context.say(`  ${oneLine(sql, 200)}`);
    }
    const stayed = `${applied.length} statement(s) before it stayed applied and the bind is marked dirty`;
    const doubt = failed.inDoubtStatement;
    if (doubt !== undefined) {
        const next = isReadOnlyStatement(doubt)
            ? "rerun with --resume once the database is reachable"
            : "check whether it applied, then rerun with --resume --in-doubt applied|not-applied";
        return new CliError(`${what}: ${reason}; ${stayed}: ${next}${others}`, ExitCode.failure);
    }
    // A statement that only waited for a lock applied nothing: the migration needs no fix, the lock has to be free.
    const next = failed.error instanceof LockWaitError ? "rerun with --resume once the lock is free" : "fix the migration and rerun with --resume";
    return new CliError(`${what} failed${at}: ${reason}; ${stayed}: ${next}, or repair the database and \`stamp\`${others}`, ExitCode.failure);
}

/** The run's other migrations: those that completed, and those the run's one transaction took back. */
function othersInRun(results: readonly MigrationResult[]): string {
    const completed = results.filter((r) => r.status === "applied" || r.status === "reverted").map((r) => r.revision);
    const rolledBack = results.filter((r) => r.status === "rolled-back").map((r) => r.revision);
    return (
        (completed.length > 0 ? `; completed before it: ${completed.join(", ")}` : "") +
        (rolledBack.length > 0 ? `; rolled back with it: ${rolledBack.join(", ")}` : "")
    );
}

/**
 * One line per migration, `n of m` and the time it took. On a terminal the line appears when the
 * migration starts and counts the seconds until it ends; elsewhere it is written once, at the end.
 */
class Progress {
    private total = 0;
    private index = 0;
    private done = 0;
    private ticker: NodeJS.Timeout | null = null;
    private readonly live: boolean;

    constructor(
        private readonly context: CommandContext,
        private readonly direction: "up" | "down",
    ) {
        this.live = process.stdout.isTTY === true && !context.buffered;
    }

    readonly started = (node: RevisionNode, index: number, total: number): void => {
        this.index = index;
        this.total = total;
        if (!this.live) return;
        const since = Date.now();
        const line = () =>
            `\r${verbs[this.direction]} ${node.revision} ${node.name} ... (${this.index + 1} of ${this.total}, ${Math.round((Date.now() - since) / 1000)} s)`;
        process.stdout.write(line());
        this.ticker = setInterval(() => process.stdout.write(line()), 1000);
    };

    readonly finished = (result: MigrationResult): void => {
        this.done++;
        if (this.ticker) clearInterval(this.ticker);
        this.ticker = null;
        if (this.live) process.stdout.write("\r\x1b[2K");
        this.context.say(this.describe(result));
    };

    private describe(result: MigrationResult): string {
        const what = `${verbs[this.direction]} ${result.revision} ${result.name}`;
        switch (result.status) {
            case "failed":
                return `${what} ... FAILED`;
            case "not-run":
                return `${what} ... not run`;
            case "rolled-back":
                return `${what} ... rolled back (a later migration failed)`;
            case "applied":
            case "reverted":
                return `${what} ... ok (${result.milliseconds} ms, ${this.done} of ${Math.max(this.total, this.done)})`;
        }
    }
}

/** `<base>`, or the target revisions. */
export function describeTarget(target: RunTarget): string {
    const list = target === null ? [] : typeof target === "string" ? [target] : target;
    return list.length === 0 ? "<base>" : list.join(", ");
}

/** An applied migration whose file changed since: the database may not hold what the file says. */
export function warnEdited(context: CommandContext, store: RevisionStore, state: AppliedState): void {
    for (const revision of state.edited) {
        context.say(`Warning: ${revision} (${store.graph.get(revision).name}) was edited after it was applied to this database`);
    }
}
