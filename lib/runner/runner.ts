import type { DataSource, MigrationInterface, QueryRunner } from "typeorm";
import type { DialectModule } from "../dialects/dialect";
import { dialectForDriver } from "../dialects/registry";
import { listOf, type RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import { fileChecksum, sameKind } from "./checksum";
import { DirtyState, type DirtyMigration } from "./dirty-state";
import { MissingRevisionFileError } from "./errors";
import { adoptedMigrations } from "./adopted-migrations";
import { refuseExistingTables } from "./existing-tables";
import { loadMigrations } from "./preflight";
import { withMigrationLock } from "./migration-lock";
import type { MigrationResult } from "./migration-result";
import { MigrationsTable, type RecordedMigration } from "./migrations-table";
import { resumePlan, type InDoubtOutcome } from "./resume-plan";
import { isAlive, runMigration } from "./run-migration";
import { scopeFor, type TransactionMode } from "./transaction-scope";
import { replacedNames, squashesToRecord } from "./squash-rows";

export type { MigrationStatus, MigrationResult, FailureAftermath } from "./migration-result";
export type { TransactionMode } from "./transaction-scope";
export type { InDoubtOutcome } from "./resume-plan";

export interface AppliedState {
    readonly applied: ReadonlySet<string>;
    /** Migrations-table rows no revision of this folder claims and this tool did not apply (e.g. TypeORM's own). */
    readonly foreign: readonly string[];
    /** Rows this tool recorded (they carry a checksum) whose file is gone from the folder. */
    readonly missing: readonly string[];
    /** Applied revisions whose file changed since it was applied (checksum recorded then differs). */
    readonly edited: readonly string[];
}

/** One revision, several (`heads`), or null / an empty list for base. */
export type RunTarget = string | null | readonly string[];

export interface RunOptions {
    /** Continue the migration a previous run left half applied, skipping the statements it applied. */
    readonly resume?: boolean;
    /**
     * With `resume`: whether the write the previous run was cut off during applied, as the database
     * shows. Without it, a resume that would start at such a write refuses.
     */
    readonly inDoubt?: InDoubtOutcome;
    readonly transaction?: TransactionMode;
    /** Give up waiting for another deployer's lock after this long (default: wait). */
    readonly lockTimeoutMs?: number;
    /**
     * Migrations without a transaction (PostgreSQL): the session's `lock_timeout` while their
     * statements run, so one waiting for a table lock does not hold the application behind it for long.
     */
    readonly statementLockTimeoutMs?: number;
    /** How many times a statement that timed out on a lock is sent again, with a backoff, before the migration fails (default 5). */
    readonly statementLockRetries?: number;
    /** Once aborted (Ctrl-C), the migration under way finishes and the rest are not run. */
    readonly signal?: AbortSignal;
    /** Called as each migration starts: which one, and where it stands in the run. */
    readonly onStart?: (node: RevisionNode, index: number, total: number) => void;
}

export interface StampOptions {
    /** First delete every row of the migrations table, including rows no revision claims. */
    readonly purge?: boolean;
    readonly lockTimeoutMs?: number;
}

export interface StampResult {
    readonly recorded: readonly string[];
    readonly removed: readonly string[];
}

/**
 * Applies and reverts a bind's revisions through an initialized TypeORM DataSource. Returns a
 * result per migration instead of throwing half way: the first failure stops the run, the rest are
 * `not-run`. A migration that stops part way without a transaction (it fails, the process is
 * killed, the connection drops) leaves the bind dirty: nothing runs until `resume` or `stamp`
 * settles it.
 */
export class Runner {
    private readonly dialect: DialectModule;

    constructor(
        private readonly dataSource: DataSource,
        private readonly store: RevisionStore,
    ) {
        this.dialect = dialectForDriver(dataSource.options.type);
    }

    async state(): Promise<AppliedState> {
        return this.withQueryRunner(async (queryRunner) => this.appliedFrom(await new MigrationsTable(this.dataSource, queryRunner).list()));
    }

    /** The migration a previous run left part applied, if any. */
    async dirty(): Promise<DirtyMigration | null> {
        return this.withQueryRunner(async (queryRunner) => {
            const dirty = await new DirtyState(this.dataSource, queryRunner).read();
            if (dirty === null) return null;
            return completedBeforeItsJournalWent(dirty, await new MigrationsTable(this.dataSource, queryRunner).list()) ? null : dirty;
        });
    }

    /** Applies every revision `target` needs that is not applied yet, in graph order. */
    async upgrade(target: RunTarget, onResult?: (result: MigrationResult) => void, options: RunOptions = {}): Promise<MigrationResult[]> {
        return this.run((applied) => this.store.graph.toApply(applied, target), "up", onResult, options);
    }

    /** Reverts every applied revision that `target` does not descend from, children first. */
    async downgrade(target: RunTarget, onResult?: (result: MigrationResult) => void, options: RunOptions = {}): Promise<MigrationResult[]> {
        return this.run((applied) => this.store.graph.toRevert(applied, target), "down", onResult, options);
    }

    /**
     * Records the database as being at `target` without running anything: afterwards exactly
     * `target` and its ancestors are recorded (null: none). Settles a dirty bind repaired by hand.
     */
    async stamp(target: RunTarget, options: StampOptions = {}): Promise<StampResult> {
        return this.withQueryRunner((queryRunner) =>
            this.locked(
                queryRunner,
                async () => {
                    const table = new MigrationsTable(this.dataSource, queryRunner);
                    await table.ensure();
                    if (options.purge) await table.purge();
                    const { applied } = this.appliedFrom(await table.list());
                    // As the database would walk the graph: through a squash, or the revisions it replaces.
                    const targets = this.store.graph.targetsForDatabase(applied, target);
                    const graph = this.store.graph.forDatabase(applied, listOf(target));
                    const wanted = graph.ancestorsOfAll(targets);
                    const nodes = graph.all();
                    const toRecord = nodes.filter((n) => wanted.has(n.revision) && !applied.has(n.revision));
                    const toRemove = nodes.filter((n) => applied.has(n.revision) && !wanted.has(n.revision));
                    const recordedNames = new Set((await table.list()).map((r) => r.name));
                    for (const node of toRecord) {
                        await table.record({ name: node.name, timestamp: node.timestamp, checksum: fileChecksum(node.file) });
                        for (const row of adoptedMigrations(this.store, node)) if (!recordedNames.has(row.name)) await table.record(row);
                    }
                    for (const node of toRemove) {
                        await table.unrecord({ name: node.name, timestamp: node.timestamp });
                        for (const row of adoptedMigrations(this.store, node)) await table.unrecord(row);
                    }
                    // The view walked above holds no squash whose range it goes through: its row follows the replaced rows.
                    await this.unrecordUnsettledSquashes(queryRunner);
                    await this.recordSettledSquashes(queryRunner);
                    await new DirtyState(this.dataSource, queryRunner).clear();
                    return { recorded: toRecord.map((n) => n.revision), removed: toRemove.map((n) => n.revision) };
                },
                options.lockTimeoutMs,
            ),
        );
    }

    /**
     * A database that has every revision a squash replaces is at the squash: its row is written as an
     * upgrade would write it (nothing runs), so TypeORM's `migration:show` does not list it pending.
     */
    private async recordSettledSquashes(queryRunner: QueryRunner): Promise<void> {
        const table = new MigrationsTable(this.dataSource, queryRunner);
        const recorded = await table.list();
        const settled = squashesToRecord(this.store, this.appliedFrom(recorded).applied, recorded);
        if (settled.length > 0) await table.ensure();
        for (const node of settled) await table.record({ name: node.name, timestamp: node.timestamp, checksum: fileChecksum(node.file) });
    }

    /**
     * A database taken down (or stamped) into a squashed range through the old files is no longer at
     * the squash: its row goes, so that it is upgraded through the old files again.
     */
    private async unrecordUnsettledSquashes(queryRunner: QueryRunner): Promise<void> {
        const table = new MigrationsTable(this.dataSource, queryRunner);
        const recorded = await table.list();
        const { applied } = this.appliedFrom(recorded);
        const names = new Set(recorded.map((row) => row.name));
        for (const squash of this.store.graph.squashes()) {
            const node = this.store.graph.get(squash.revision);
            const done = squash.replaces.filter((id) => applied.has(id)).length;
            if (names.has(node.name) && done > 0 && done < squash.replaces.length) await table.unrecord({ name: node.name, timestamp: node.timestamp });
        }
    }

    /** Runs `work` holding the bind's migration lock on `queryRunner`'s connection. */
    private async locked<T>(queryRunner: QueryRunner, work: () => Promise<T>, timeoutMs: number | undefined): Promise<T> {
        return withMigrationLock(await this.dialect.runtime.migrationLock(queryRunner), work, { timeoutMs });
    }

    private appliedFrom(recorded: readonly RecordedMigration[]): AppliedState {
        const byName = new Map(this.store.graph.all().map((node) => [node.name, node]));
        const ours = recorded.filter((r) => byName.has(r.name));
        // Rows of revisions a squash replaces are claimed by the squash, whether their files are there or not.
        const replaced = replacedNames(this.store);
        // Only this tool writes the checksum column: TypeORM's own runner leaves it empty.
        const unclaimed = recorded.filter((r) => !byName.has(r.name) && !replaced.has(r.name));
        const ids = [...ours.map((r) => (byName.get(r.name) as RevisionNode).revision), ...recorded.flatMap((r) => replaced.get(r.name) ?? [])];
        return {
            applied: this.store.graph.settle(new Set(ids)),
            foreign: unclaimed.filter((r) => !r.checksum).map((r) => r.name),
            missing: unclaimed.filter((r) => r.checksum).map((r) => r.name),
            edited: ours
                .filter((r) => {
                    if (!r.checksum) return false;
                    const now = fileChecksum((byName.get(r.name) as RevisionNode).file);
                    return sameKind(now, r.checksum) && now !== r.checksum;
                })
                .map((r) => (byName.get(r.name) as RevisionNode).revision),
        };
    }

    /**
     * Takes the lock, then decides what to run from the applied state as it is under the lock: a
     * deployer that waited finds the other's migrations applied and runs nothing twice.
     */
    private async run(
        choose: (applied: ReadonlySet<string>) => readonly RevisionNode[],
        direction: "up" | "down",
        onResult: ((r: MigrationResult) => void) | undefined,
        options: RunOptions,
    ): Promise<MigrationResult[]> {
        return this.withQueryRunner(async (queryRunner) => {
            let results: MigrationResult[] | null = null;
            try {
                return await this.locked(
                    queryRunner,
                    async () => {
                        results = await this.runLocked(queryRunner, choose, direction, onResult, options);
                        if (direction === "up" && results.length > 0 && results.every((r) => r.status === "applied"))
                            await this.recordSettledSquashes(queryRunner);
                        if (direction === "down" && results.some((r) => r.status === "reverted")) await this.unrecordUnsettledSquashes(queryRunner);
                        return results;
                    },
                    options.lockTimeoutMs,
                );
            } catch (error) {
                // The connection dropped during the run: the server let go of the lock with the
                // session, and the results say what happened; releasing it ourselves fails.
                if (results !== null && !(await isAlive(queryRunner))) return results;
                throw error;
            }
        });
    }

    private async runLocked(
        queryRunner: QueryRunner,
        choose: (applied: ReadonlySet<string>) => readonly RevisionNode[],
        direction: "up" | "down",
        onResult: ((r: MigrationResult) => void) | undefined,
        options: RunOptions,
    ): Promise<MigrationResult[]> {
        const table = new MigrationsTable(this.dataSource, queryRunner);
        const dirtyState = new DirtyState(this.dataSource, queryRunner);
        const recorded = await table.list();
        const state = this.appliedFrom(recorded);
        const nodes = choose(state.applied);
        await dirtyState.upgradeLayout();
        let dirty = await dirtyState.read();
        if (dirty !== null && completedBeforeItsJournalWent(dirty, recorded)) {
            await dirtyState.clear();
            dirty = null;
        }
        const resume = resumePlan(dirty, direction, nodes, options);
        if (direction === "down" && state.missing.length > 0) throw new MissingRevisionFileError(state.missing);
        if (direction === "up" && dirty === null) await this.recordSettledSquashes(queryRunner);
        if (nodes.length === 0) return [];
        // Before the first statement: a run that cannot load a migration, or whose first migration
        // would meet tables it creates, stops with nothing applied.
        const migrations = await loadMigrations(nodes);
        if (direction === "up" && dirty === null && state.applied.size === 0) await refuseExistingTables(queryRunner, this.store, nodes[0]);
        const scope = scopeFor(options.transaction, this.dialect.capabilities.transactionalDdl, nodes, migrations);
        const outer = scope === "outer";
        await table.ensure();
        if (outer) {
            await queryRunner.beforeMigration();
            await queryRunner.startTransaction();
        }
        const results: MigrationResult[] = [];
        let stop = false;
        for (const [i, node] of nodes.entries()) {
            stop ||= options.signal?.aborted === true;
            if (!stop) options.onStart?.(node, i, nodes.length);
            const context = {
                queryRunner,
                table,
                dirtyState,
                scope,
                dialect: this.dialect,
                resume: i === 0 ? resume : null,
                migration: migrations.get(node.revision) as MigrationInterface,
                adopted: adoptedMigrations(this.store, node),
                statementLocks:
                    options.statementLockTimeoutMs === undefined
                        ? undefined
                        : { timeoutMs: options.statementLockTimeoutMs, retries: options.statementLockRetries ?? 5 },
            };
            const result: MigrationResult = stop
                ? { revision: node.revision, name: node.name, status: "not-run" as const, milliseconds: 0 }
                : await runMigration(node, direction, context);
            stop ||= result.status === "failed";
            results.push(result);
            if (!outer) onResult?.(result);
        }
        if (!outer) return results;
        return this.finishOuterTransaction(queryRunner, results, onResult);
    }

    /** Commits the run's one transaction, or rolls everything back when a migration failed. */
    private async finishOuterTransaction(
        queryRunner: QueryRunner,
        results: MigrationResult[],
        onResult?: (r: MigrationResult) => void,
    ): Promise<MigrationResult[]> {
        const failed = results.some((r) => r.status === "failed");
        try {
            if (failed) await queryRunner.rollbackTransaction();
            else await queryRunner.commitTransaction();
        } catch (error) {
            // A session the server ended has rolled back on its own.
            if (!failed || (await isAlive(queryRunner))) throw error;
        } finally {
            await queryRunner.afterMigration().catch(async (error: unknown) => {
                if (await isAlive(queryRunner)) throw error;
            });
        }
        const settled = failed
            ? results.map((r) => (r.status === "applied" || r.status === "reverted" ? { ...r, status: "rolled-back" as const } : r))
            : results;
        for (const result of settled) onResult?.(result);
        return settled;
    }

    private async withQueryRunner<T>(work: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
        const queryRunner = this.dataSource.createQueryRunner();
        try {
            return await work(queryRunner);
        } finally {
            // Releasing a connection the server closed can fail too; the work's outcome is what counts.
            await queryRunner.release().catch(() => undefined);
        }
    }
}

/**
 * A journal left by a run killed after it recorded its migration but before it removed the
 * journal: every statement had completed (the recording comes after the last one).
 */
function completedBeforeItsJournalWent(dirty: DirtyMigration, recorded: readonly RecordedMigration[]): boolean {
    const isRecorded = recorded.some((r) => r.name === dirty.name);
    return dirty.direction === "up" ? isRecorded : !isRecorded;
}
