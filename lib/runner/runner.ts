import type { DataSource, MigrationInterface, QueryRunner } from "typeorm";
import type { Capabilities } from "../dialects/dialect";
import { dialectModule } from "../dialects/registry";
import { dialectOf } from "../metadata/dialect-of";
import type { RevisionNode } from "../revisions/graph";
import type { Dialect } from "../schema/model";
import type { RevisionStore } from "../store/revision-store";
import { fileChecksum, sameKind } from "./checksum";
import { DirtyState, type DirtyMigration } from "./dirty-state";
import { DirtyBindError, NothingToResumeError } from "./errors";
import { loadMigration } from "./load-migration";
import { withMigrationLock } from "./lock";
import { MigrationsTable, type RecordedMigration } from "./migrations-table";
import { ResumeMismatchError, trackStatements, type StatementLog } from "./statement-tracker";
import { ownsTransaction, scopeFor, type Scope, type TransactionMode } from "./transaction-scope";

/** `rolled-back`: it ran, but a later one failed inside the same transaction (`transaction: "all"`). */
export type MigrationStatus = "applied" | "reverted" | "failed" | "not-run" | "rolled-back";

export type { TransactionMode } from "./transaction-scope";

export interface MigrationResult {
    readonly revision: string;
    readonly name: string;
    readonly status: MigrationStatus;
    readonly error?: Error;
    readonly milliseconds: number;
    /**
     * Without a transaction (MySQL, `transaction = false`): on failure, the statements that ran and
     * stay applied, and the one that failed.
     */
    readonly appliedStatements?: readonly string[];
    readonly failedStatement?: string;
}

export interface AppliedState {
    readonly applied: ReadonlySet<string>;
    /** Migrations-table rows that no revision of this folder claims (e.g. older hand-written migrations). */
    readonly foreign: readonly string[];
    /** Applied revisions whose file changed since it was applied (checksum recorded then differs). */
    readonly edited: readonly string[];
}

/** One revision, several (`heads`), or null / an empty list for base. */
export type RunTarget = string | null | readonly string[];

export interface RunOptions {
    /** Continue the migration a previous run left half applied, skipping the statements it applied. */
    readonly resume?: boolean;
    readonly transaction?: TransactionMode;
    /** Give up waiting for another deployer's lock after this long (default: wait). */
    readonly lockTimeoutMs?: number;
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
 * `not-run`. A migration that fails part way without a transaction leaves the bind dirty: nothing
 * runs until `resume` or `stamp` settles it.
 */
export class Runner {
    private readonly capabilities: Capabilities;
    private readonly dialect: Dialect;

    constructor(private readonly dataSource: DataSource, private readonly store: RevisionStore) {
        this.dialect = dialectOf(dataSource.options.type);
        this.capabilities = dialectModule(this.dialect).capabilities;
    }

    async state(): Promise<AppliedState> {
        return this.withQueryRunner(async (queryRunner) => this.appliedFrom(await new MigrationsTable(this.dataSource, queryRunner).list()));
    }

    /** The migration a previous run left half applied, if any. */
    async dirty(): Promise<DirtyMigration | null> {
        return this.withQueryRunner((queryRunner) => new DirtyState(this.dataSource, queryRunner).read());
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
        return this.withQueryRunner((queryRunner) => withMigrationLock(queryRunner, this.dialect, async () => {
            const table = new MigrationsTable(this.dataSource, queryRunner);
            await table.ensure();
            if (options.purge) await table.purge();
            const { applied } = this.appliedFrom(await table.list());
            const wanted = this.store.graph.ancestorsOfAll(target);
            const nodes = this.store.graph.all();
            const toRecord = nodes.filter((n) => wanted.has(n.revision) && !applied.has(n.revision));
            const toRemove = nodes.filter((n) => applied.has(n.revision) && !wanted.has(n.revision));
            for (const node of toRecord) await table.record({ name: node.name, timestamp: node.timestamp, checksum: fileChecksum(node.file) });
            for (const node of toRemove) await table.unrecord({ name: node.name, timestamp: node.timestamp });
            await new DirtyState(this.dataSource, queryRunner).clear();
            return { recorded: toRecord.map((n) => n.revision), removed: toRemove.map((n) => n.revision) };
        }, { timeoutMs: options.lockTimeoutMs }));
    }

    private appliedFrom(recorded: readonly RecordedMigration[]): AppliedState {
        const byName = new Map(this.store.graph.all().map((node) => [node.name, node]));
        const ours = recorded.filter((r) => byName.has(r.name));
        return {
            applied: new Set(ours.map((r) => (byName.get(r.name) as RevisionNode).revision)),
            foreign: recorded.filter((r) => !byName.has(r.name)).map((r) => r.name),
            edited: ours.filter((r) => {
                if (!r.checksum) return false;
                const now = fileChecksum((byName.get(r.name) as RevisionNode).file);
                return sameKind(now, r.checksum) && now !== r.checksum;
            }).map((r) => (byName.get(r.name) as RevisionNode).revision),
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
        return this.withQueryRunner((queryRunner) => withMigrationLock(queryRunner, this.dialect, async () => {
            const table = new MigrationsTable(this.dataSource, queryRunner);
            const dirtyState = new DirtyState(this.dataSource, queryRunner);
            const nodes = choose(this.appliedFrom(await table.list()).applied);
            const resumeFrom = resumePoint(await dirtyState.read(), direction, nodes, options);
            if (nodes.length === 0) return [];
            const scope = scopeFor(options.transaction, this.capabilities.transactionalDdl, nodes);
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
                const result: MigrationResult = stop
                    ? { revision: node.revision, name: node.name, status: "not-run" as const, milliseconds: 0 }
                    : await this.runOne(node, direction, { queryRunner, table, dirtyState, resumeFrom: i === 0 ? resumeFrom : null, scope });
                stop ||= result.status === "failed";
                results.push(result);
                if (!outer) onResult?.(result);
            }
            if (!outer) return results;
            return this.finishOuterTransaction(queryRunner, results, onResult);
        }, { timeoutMs: options.lockTimeoutMs }));
    }

    /** Commits the run's one transaction, or rolls everything back when a migration failed. */
    private async finishOuterTransaction(queryRunner: QueryRunner, results: MigrationResult[], onResult?: (r: MigrationResult) => void): Promise<MigrationResult[]> {
        const failed = results.some((r) => r.status === "failed");
        try {
            if (failed) await queryRunner.rollbackTransaction();
            else await queryRunner.commitTransaction();
        } finally {
            await queryRunner.afterMigration();
        }
        const settled = failed
            ? results.map((r) => (r.status === "applied" || r.status === "reverted" ? { ...r, status: "rolled-back" as const } : r))
            : results;
        for (const result of settled) onResult?.(result);
        return settled;
    }

    private async runOne(node: RevisionNode, direction: "up" | "down", on: RunContext): Promise<MigrationResult> {
        const started = Date.now();
        const done = (status: MigrationStatus, error?: Error, log?: StatementLog): MigrationResult => ({
            revision: node.revision,
            name: node.name,
            status,
            error,
            milliseconds: Date.now() - started,
            ...(log ? { appliedStatements: log.executed, failedStatement: log.failed ?? undefined } : {}),
        });
        let migration: MigrationInterface;
        try {
            migration = loadMigration(node);
        } catch (error) {
            return done("failed", error as Error);
        }
        const { queryRunner, table, dirtyState, resumeFrom, scope } = on;
        const ownTransaction = ownsTransaction(scope, this.capabilities.transactionalDdl, migration);
        const tracked = trackStatements(queryRunner, resumeFrom ?? []);
        // SQLite: foreign keys must be switched off before the transaction starts (TypeORM does the same).
        if (scope !== "outer") await queryRunner.beforeMigration();
        try {
            if (ownTransaction) await queryRunner.startTransaction();
            await (direction === "up" ? migration.up(tracked.runner) : migration.down(tracked.runner));
            await this.checkForeignKeys(queryRunner);
            const record = { name: node.name, timestamp: node.timestamp, checksum: fileChecksum(node.file) };
            await (direction === "up" ? table.record(record) : table.unrecord(record));
            if (resumeFrom !== null) await dirtyState.clear();
            if (ownTransaction) await queryRunner.commitTransaction();
            return done(direction === "up" ? "applied" : "reverted");
        } catch (error) {
            if (ownTransaction || scope === "outer") {
                if (ownTransaction && queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
                return done("failed", error as Error);
            }
            // No transaction: what ran stays applied. Remember it, so nothing runs over it unawares.
            const log = tracked.log();
            if (log.executed.length > 0 && !(error instanceof ResumeMismatchError)) {
                await dirtyState.mark(node, direction, log, error as Error);
            }
            return done("failed", error as Error, log);
        } finally {
            if (scope !== "outer") await queryRunner.afterMigration();
        }
    }

    /** With foreign keys off during a rebuild, SQLite would not notice rows left orphaned. */
    private async checkForeignKeys(queryRunner: QueryRunner): Promise<void> {
        if (!this.capabilities.rebuildsTables) return;
        const violations = (await queryRunner.query("PRAGMA foreign_key_check")) as { table: string; parent: string }[];
        if (violations.length > 0) {
            const first = violations[0];
            throw new Error(`foreign key check failed: ${violations.length} row(s), e.g. in "${first.table}" referencing "${first.parent}"`);
        }
    }

    private async withQueryRunner<T>(work: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
        const queryRunner = this.dataSource.createQueryRunner();
        try {
            return await work(queryRunner);
        } finally {
            await queryRunner.release();
        }
    }
}

interface RunContext {
    readonly scope: Scope;
    readonly queryRunner: QueryRunner;
    readonly table: MigrationsTable;
    readonly dirtyState: DirtyState;
    /** Statements a failed run of this migration already applied, to skip; null when not resuming. */
    readonly resumeFrom: readonly string[] | null;
}

/** The statements to skip in the first migration, or null; refuses to run over a dirty database. */
function resumePoint(dirty: DirtyMigration | null, direction: "up" | "down", nodes: readonly RevisionNode[], options: RunOptions): readonly string[] | null {
    if (!options.resume) {
        if (dirty) throw new DirtyBindError(dirty);
        return null;
    }
    if (!dirty) throw new NothingToResumeError("nothing to resume: no migration failed part way on this database");
    if (dirty.direction !== direction || nodes[0]?.revision !== dirty.revision) {
        throw new NothingToResumeError(
            `--resume continues the failed ${dirty.direction === "up" ? "upgrade" : "downgrade"} of ${dirty.revision}; this run would start with ${nodes[0]?.revision ?? "nothing"}`,
        );
    }
    return dirty.applied;
}
