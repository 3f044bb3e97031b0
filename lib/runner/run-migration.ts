import type { MigrationInterface, QueryRunner } from "typeorm";
import type { DialectModule } from "../dialects/dialect";
import type { RevisionNode } from "../revisions/graph";
import { fileChecksum } from "./checksum";
import type { DirtyState } from "./dirty-state";
import { ConnectionLostError } from "./errors";
import type { FailureAftermath, MigrationResult, MigrationStatus } from "./migration-result";
import type { MigrationsTable, RecordedMigration } from "./migrations-table";
import { isReadOnlyStatement } from "./read-only";
import type { ResumePlan } from "./resume-plan";
import { oneLine, ResumeMismatchError, trackStatements, type StatementLog } from "./statement-tracker";
import { ownsTransaction, type Scope } from "./transaction-scope";

export interface MigrationContext {
    readonly scope: Scope;
    readonly dialect: DialectModule;
    readonly queryRunner: QueryRunner;
    readonly table: MigrationsTable;
    readonly dirtyState: DirtyState;
    /** Set for the first migration of a resumed run. */
    readonly resume: ResumePlan | null;
    /** The migration, loaded before the run's first statement. */
    readonly migration: MigrationInterface;
    /** A baseline's adopted TypeORM migrations: recorded with it, removed with it. */
    readonly adopted: readonly RecordedMigration[];
    /** Without a transaction, where the dialect can: the session's lock timeout and how often a timed-out statement is sent again. */
    readonly statementLocks?: { readonly timeoutMs: number; readonly retries: number };
}

/**
 * Runs one migration's `up` or `down` and records it. Inside a transaction a failure rolls it
 * back. Without one (MySQL's DDL, `transaction = false`, `--transaction none`) its statements are
 * journaled from the first write on, so that a failure, a kill or a lost connection leaves the
 * bind dirty with a record of what applied; the journal goes once the migration is recorded.
 */
export async function runMigration(node: RevisionNode, direction: "up" | "down", context: MigrationContext): Promise<MigrationResult> {
    const started = Date.now();
    const finished = (status: MigrationStatus, failure: Partial<MigrationResult> = {}): MigrationResult => ({
        revision: node.revision,
        name: node.name,
        status,
        milliseconds: Date.now() - started,
        ...failure,
    });
    const { queryRunner, table, dirtyState, resume, scope, migration } = context;
    const ownTransaction = ownsTransaction(scope, context.dialect.capabilities.transactionalDdl, migration);
    const journaled = !ownTransaction && scope !== "outer";
    const lockTimeout = journaled && context.statementLocks !== undefined ? context.dialect.runtime.lockTimeout : null;
    const tracked = trackStatements(queryRunner, {
        journal: journaled ? async () => (resume ? dirtyState.continue(resume.dirty) : dirtyState.begin(node, direction)) : undefined,
        alreadyApplied: resume?.alreadyApplied,
        beforeFirstNewStatement: resume
            ? async (sql) => {
                  await resume.settle(dirtyState);
                  // What the stopped attempt at this statement may have left in the way of another (an INVALID index).
                  const cleanup = context.dialect.runtime.beforeResending(sql);
                  if (cleanup !== null) await queryRunner.query(cleanup);
              }
            : undefined,
        lockWaits:
            lockTimeout !== null && context.statementLocks !== undefined
                ? {
                      ...context.statementLocks,
                      isTimeout: (error) => lockTimeout.isTimeout(error),
                      beforeResending: (sql) => context.dialect.runtime.beforeResending(sql),
                  }
                : undefined,
    });
    let connectionLost = false;
    // SQLite: foreign keys must be switched off before the transaction starts (TypeORM does the same).
    if (scope !== "outer") await queryRunner.beforeMigration();
    try {
        // On the raw connection: neither journaled nor one of the migration's statements.
        if (lockTimeout !== null) await queryRunner.query(lockTimeout.set((context.statementLocks as { timeoutMs: number }).timeoutMs));
        if (ownTransaction) await queryRunner.startTransaction();
        await (direction === "up" ? migration.up(tracked.runner) : migration.down(tracked.runner));
        tracked.checkComplete();
        await checkForeignKeys(queryRunner, context.dialect);
        const record = { name: node.name, timestamp: node.timestamp, checksum: fileChecksum(node.file) };
        await (direction === "up" ? table.record(record) : table.unrecord(record));
        await recordAdopted(table, direction, context.adopted);
        // Recorded first: a run killed in between leaves a journal of a recorded migration, which
        // the runner knows to be complete; the other order would leave applied statements unrecorded.
        if (journaled || resume) await dirtyState.clear();
        if (ownTransaction) await queryRunner.commitTransaction();
        return finished(direction === "up" ? "applied" : "reverted");
    } catch (error) {
        if (ownTransaction || scope === "outer") {
            if (ownTransaction && queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
            return finished("failed", { error: error as Error, leaves: "rolled-back" });
        }
        const log = tracked.log();
        connectionLost = log.inDoubt !== null;
        const leaves = await afterUntransactedFailure(context, log, error as Error);
        return finished("failed", {
            error: connectionLost ? lostConnectionError(log.inDoubt as string, error as Error) : (error as Error),
            leaves,
            appliedStatements: log.applied,
            ...(log.failed !== null ? { failedStatement: log.failed } : {}),
            ...(log.inDoubt !== null ? { inDoubtStatement: log.inDoubt } : {}),
        });
    } finally {
        if (lockTimeout !== null && !connectionLost) await queryRunner.query(lockTimeout.reset).catch(() => undefined);
        if (scope !== "outer")
            await queryRunner.afterMigration().catch(async (error: unknown) => {
                // Nothing to switch back on a connection that is gone.
                if (!connectionLost && (await isAlive(queryRunner))) throw error;
            });
    }
}

/** Rows TypeORM's runner may have written already are left as they are. */
async function recordAdopted(table: MigrationsTable, direction: "up" | "down", adopted: readonly RecordedMigration[]): Promise<void> {
    if (adopted.length === 0) return;
    if (direction === "down") {
        for (const row of adopted) await table.unrecord(row);
        return;
    }
    const recorded = new Set((await table.list()).map((r) => r.name));
    for (const row of adopted) if (!recorded.has(row.name)) await table.record(row);
}

/** Without a transaction: a failure before any write took effect leaves the bind clean. */
async function afterUntransactedFailure(context: MigrationContext, log: StatementLog, error: Error): Promise<FailureAftermath> {
    // The stopped run's journal stays as it was: nothing of this attempt ran.
    if (error instanceof ResumeMismatchError || context.resume) return "dirty";
    if (log.applied.length > 0 || log.inDoubt !== null) return "dirty";
    // A journal holding only the refused first write; on a lost connection there may be none to reach.
    await context.dirtyState.clear().catch(() => undefined);
    return "nothing-applied";
}

function lostConnectionError(statement: string, cause: Error): ConnectionLostError {
    const doubt = isReadOnlyStatement(statement) ? "a read" : "it may or may not have applied";
    return new ConnectionLostError(`lost the connection during ${oneLine(statement)} (${doubt}): ${cause.message.split("\n")[0]}`);
}

/** True while the connection still answers; a session the server killed does not. */
export async function isAlive(queryRunner: QueryRunner): Promise<boolean> {
    try {
        await queryRunner.query("SELECT 1");
        return true;
    } catch {
        return false;
    }
}

/** Where migrations run with foreign keys off, the server did not notice rows left orphaned: ask it now. */
async function checkForeignKeys(queryRunner: QueryRunner, dialect: DialectModule): Promise<void> {
    const violations = (await dialect.runtime.foreignKeyViolations?.(queryRunner)) ?? [];
    if (violations.length > 0) {
        const first = violations[0];
        throw new Error(`foreign key check failed: ${violations.length} row(s), e.g. in "${first.table}" referencing "${first.parent}"`);
    }
}
