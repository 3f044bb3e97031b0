import type { FleetTarget, PoolOutcome, ResolvedBind } from "../../lib/index";
import type { CommandContext } from "../context";
import { CliError, ExitCode, type ExitCodeValue } from "../exit-codes";
import { lib } from "../lib";
import { errorLine } from "../report-error";
import { parallelOf, type FleetArgs } from "./fleet-options";
import { summaryTable, type SummaryRow } from "./summary-table";

/** What a command did on one database (a bind's, or one target of its fleet). */
export interface DatabaseReport {
    readonly from: string;
    readonly to: string;
    readonly status: string;
    /** The command's exit code for this database (`check --db`: 1 on drift); none: 0. */
    readonly exitCode?: ExitCodeValue;
    /** What `--json` says about this database; default: from, to and status. */
    readonly json?: Readonly<Record<string, unknown>>;
}

/** The command's work on one database: `target` is undefined for a bind without `targets`. */
export type DatabaseWork = (context: CommandContext, target: FleetTarget | undefined) => Promise<DatabaseReport>;

interface TargetResult {
    readonly lines: readonly string[];
    readonly report: DatabaseReport;
}

type JsonBind = { readonly bind: string } & Record<string, unknown>;

/**
 * One command over the binds it selected, and over every target of a bind that has `targets`:
 * `--parallel` at a time, each with its own connection and lock, a progress line as each ends, a
 * summary table per bind, and one failure not stopping the others unless `--fail-fast`. A bind
 * without targets (or given `--url`) runs once, as before. `finish()` prints `--json` and fails
 * (exit 3) naming the targets that failed.
 */
export class FleetRun {
    private exitCode: ExitCodeValue = ExitCode.ok;
    private readonly json: JsonBind[] = [];
    private readonly failed: { readonly bind: string; readonly target: string }[] = [];

    constructor(
        private readonly context: CommandContext,
        private readonly args: FleetArgs,
        /** What a rerun does to the targets that failed, for the failure's line: "rerun to continue ...". */
        private readonly rerun: string,
        private readonly signal?: AbortSignal,
    ) {}

    async run(bind: ResolvedBind, work: DatabaseWork): Promise<void> {
        // --url names one database instead of the fleet; for a fleet of schemas, the database whose schemas are listed.
        if (bind.targets === undefined || (this.context.args.url !== undefined && !lib().hasSchemaTargets(bind))) {
            const report = await this.runAlone(work);
            this.worst(report.exitCode);
            this.json.push({ bind: bind.name, ...(report.json ?? { from: report.from, to: report.to, status: report.status }) });
            return;
        }
        const parallel = parallelOf(this.args);
        lib().requireSchemaFreeChain(bind, lib().RevisionStore.open(bind.migrationsDir));
        const targets = await lib().listTargets(bind.targets, await this.context.pointedDataSource(bind));
        if (targets.length === 0) {
            this.note("No targets: the bind's `targets` lists none.");
            this.json.push({ bind: bind.name, targets: [] });
            return;
        }
        let ended = 0;
        const counts = { done: 0, failed: 0 };
        const outcomes = await lib().runPool<FleetTarget, TargetResult>(
            targets,
            {
                parallel,
                failFast: this.args.failFast,
                // --fail-fast holds across binds: after a failure in one bind's fleet, the next bind's start none.
                signal: this.args.failFast && this.failed.length > 0 ? AbortSignal.abort() : this.signal,
                onSettled: (outcome) => {
                    if (outcome.status === "skipped") return;
                    ended++;
                    counts[outcome.status]++;
                    const remaining = targets.length - counts.done - counts.failed;
                    this.progress(outcome, `(${counts.done} done, ${counts.failed} failed, ${remaining} remaining)`, `${ended}/${targets.length}`);
                },
            },
            (target) => this.runTarget(bind, target, work),
        );
        const rows = outcomes.map(summaryRow);
        for (const outcome of outcomes) {
            if (outcome.status === "done") this.worst(outcome.value.report.exitCode);
            else this.failed.push({ bind: bind.name, target: outcome.item.name });
        }
        if (!this.args.json) {
            this.context.say(`Summary of ${targets.length} target(s):`);
            for (const line of summaryTable(rows)) this.context.say(`  ${line}`);
        }
        this.json.push({
            bind: bind.name,
            targets: outcomes.map((outcome, i) => ({
                ...rows[i],
                ...(outcome.status === "done" ? outcome.value.report.json : {}),
                ...(outcome.status === "failed" ? { error: errorLine(outcome.error) } : {}),
            })),
        });
    }

    /** Prints `--json`; throws the failure when a target failed or was not started; else the worst exit code of the databases. */
    finish(): number {
        this.printJson();
        if (this.signal?.aborted === true && this.failed.length > 0) {
            throw new CliError(`interrupted: ${this.failed.length} target(s) failed or were not started`, ExitCode.interrupted, this.rerun);
        }
        if (this.failed.length > 0) throw new CliError(`${this.failed.length} target(s) ${this.failedTargets()}`, ExitCode.failure, this.rerun);
        return this.exitCode;
    }

    /**
     * For a run that stops at a bind without targets after fleets ran: prints `--json` and says which
     * targets failed or were not started ("" when none did).
     */
    stoppedEarly(): string {
        this.printJson();
        return this.failed.length === 0 ? "" : `; earlier, ${this.failed.length} target(s) ${this.failedTargets()}`;
    }

    private printJson(): void {
        if (this.args.json) process.stdout.write(`${JSON.stringify({ binds: this.json }, null, 2)}\n`);
    }

    /** "failed or were not started: a, b and 3 more", each named with its bind when several binds have targets. */
    private failedTargets(): string {
        const binds = new Set(this.failed.map((f) => f.bind));
        const names = this.failed.map((f) => (binds.size > 1 ? `${f.bind}/${f.target}` : f.target));
        return `failed or were not started: ${names.length <= 5 ? names.join(", ") : `${names.slice(0, 5).join(", ")} and ${names.length - 5} more`}`;
    }

    /** A bind without targets: its lines as usual, or under `--json` kept and shown on standard error only if it fails. */
    private async runAlone(work: DatabaseWork): Promise<DatabaseReport> {
        if (!this.args.json) return work(this.context, undefined);
        const lines: string[] = [];
        try {
            return await work(this.context.forTarget(lines), undefined);
        } catch (error) {
            for (const line of lines) process.stderr.write(`${line}\n`);
            throw error;
        }
    }

    private async runTarget(bind: ResolvedBind, target: FleetTarget, work: DatabaseWork): Promise<TargetResult> {
        const lines: string[] = [];
        try {
            return { lines, report: await work(this.context.forTarget(lines), target) };
        } catch (error) {
            throw new TargetFailure(error, lines);
        }
    }

    private progress(outcome: Exclude<PoolOutcome<FleetTarget, TargetResult>, { status: "skipped" }>, counts: string, position: string): void {
        const name = outcome.item.name;
        if (outcome.status === "failed") {
            const failure = outcome.error instanceof TargetFailure ? outcome.error : new TargetFailure(outcome.error, []);
            const line = interrupted(failure.cause)
                ? `${errorLine(failure.cause)} (${outcome.ms} ms)`
                : `FAILED (${outcome.ms} ms): ${errorLine(failure.cause)}`;
            this.note(`[${position}] ${name}: ${line} ${counts}`);
            for (const line of failure.lines) this.note(`    ${line}`);
            return;
        }
        const { report, lines } = outcome.value;
        const moved = report.from === report.to ? report.to : `${report.from} -> ${report.to}`;
        this.note(`[${position}] ${name}: ${report.status}, ${moved} (${outcome.ms} ms) ${counts}`);
        if (this.context.args.verbose) for (const line of lines) this.note(`    ${line}`);
    }

    /** Progress goes to standard error under `--json`, which keeps standard output for the document. */
    private note(line: string): void {
        if (this.args.json) process.stderr.write(`${line}\n`);
        else this.context.say(line);
    }

    private worst(exitCode: ExitCodeValue | undefined): void {
        if (exitCode !== undefined && exitCode > this.exitCode) this.exitCode = exitCode;
    }
}

/** A target's error, with the lines it said before failing. */
class TargetFailure extends Error {
    constructor(
        override readonly cause: unknown,
        readonly lines: readonly string[],
    ) {
        super(cause instanceof Error ? cause.message : String(cause));
    }
}

function summaryRow(outcome: PoolOutcome<FleetTarget, TargetResult>): SummaryRow {
    const target = outcome.item.name;
    if (outcome.status === "skipped") return { target, from: "-", to: "-", status: "not started", ms: null };
    if (outcome.status === "failed") {
        const cause = outcome.error instanceof TargetFailure ? outcome.error.cause : outcome.error;
        const firstLine = errorLine(cause);
        const status = interrupted(cause) ? firstLine : `FAILED: ${firstLine}`;
        return { target, from: "-", to: "-", status: status.length > 88 ? `${status.slice(0, 85)}...` : status, ms: outcome.ms };
    }
    const { from, to, status } = outcome.value.report;
    return { target, from, to, status, ms: outcome.ms };
}

/** Ctrl-C stopped the target before (some of) its migrations ran: not a failure of the target. */
function interrupted(error: unknown): boolean {
    return error instanceof CliError && error.exitCode === ExitCode.interrupted;
}
