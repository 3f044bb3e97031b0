import type { DataSource, MigrationInterface, QueryRunner } from "typeorm";
import type { Capabilities } from "../dialects/dialect";
import { dialectModule } from "../dialects/registry";
import { dialectOf } from "../metadata/dialect-of";
import type { RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import { loadMigration } from "./load-migration";
import { MigrationsTable, type RecordedMigration } from "./migrations-table";
import { withMigrationLock } from "./lock";
import type { Dialect } from "../schema/model";

export type MigrationStatus = "applied" | "reverted" | "failed" | "not-run";

export interface MigrationResult {
    readonly revision: string;
    readonly name: string;
    readonly status: MigrationStatus;
    readonly error?: Error;
    readonly milliseconds: number;
}

export interface AppliedState {
    readonly applied: ReadonlySet<string>;
    /** Migrations-table rows that no revision of this folder claims (e.g. older hand-written migrations). */
    readonly foreign: readonly string[];
}

/**
 * Applies and reverts a bind's revisions through an initialized TypeORM DataSource. Returns a
 * result per migration instead of throwing half way: the first failure stops the run, the rest are
 * `not-run`.
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

    /** Applies every revision `target` needs that is not applied yet, in graph order. */
    async upgrade(target: string | null, onResult?: (result: MigrationResult) => void): Promise<MigrationResult[]> {
        return this.run((applied) => this.store.graph.toApply(applied, target), "up", onResult);
    }

    /** Reverts every applied revision that `target` does not descend from, children first. */
    async downgrade(target: string | null, onResult?: (result: MigrationResult) => void): Promise<MigrationResult[]> {
        return this.run((applied) => this.store.graph.toRevert(applied, target), "down", onResult);
    }

    private appliedFrom(recorded: readonly RecordedMigration[]): AppliedState {
        const byName = new Map(this.store.graph.all().map((node) => [node.name, node.revision]));
        return {
            applied: new Set(recorded.filter((r) => byName.has(r.name)).map((r) => byName.get(r.name) as string)),
            foreign: recorded.filter((r) => !byName.has(r.name)).map((r) => r.name),
        };
    }

    /**
     * Takes the lock, then decides what to run from the applied state as it is under the lock: a
     * deployer that waited finds the other's migrations applied and runs nothing twice.
     */
    private async run(
        choose: (applied: ReadonlySet<string>) => readonly RevisionNode[],
        direction: "up" | "down",
        onResult?: (r: MigrationResult) => void,
    ): Promise<MigrationResult[]> {
        return this.withQueryRunner((queryRunner) => withMigrationLock(queryRunner, this.dialect, async () => {
            const table = new MigrationsTable(this.dataSource, queryRunner);
            const nodes = choose(this.appliedFrom(await table.list()).applied);
            if (nodes.length === 0) return [];
            await table.ensure();
            const results: MigrationResult[] = [];
            let failed = false;
            for (const node of nodes) {
                const result: MigrationResult = failed
                    ? { revision: node.revision, name: node.name, status: "not-run" as const, milliseconds: 0 }
                    : await this.runOne(node, direction, queryRunner, table);
                failed ||= result.status === "failed";
                results.push(result);
                onResult?.(result);
            }
            return results;
        }));
    }

    private async runOne(node: RevisionNode, direction: "up" | "down", queryRunner: QueryRunner, table: MigrationsTable): Promise<MigrationResult> {
        const started = Date.now();
        const done = (status: MigrationStatus, error?: Error): MigrationResult =>
            ({ revision: node.revision, name: node.name, status, error, milliseconds: Date.now() - started });
        let migration: MigrationInterface;
        try {
            migration = loadMigration(node);
        } catch (error) {
            return done("failed", error as Error);
        }
        const inTransaction = this.capabilities.transactionalDdl && migration.transaction !== false;
        // SQLite: foreign keys must be switched off before the transaction starts (TypeORM does the same).
        await queryRunner.beforeMigration();
        try {
            if (inTransaction) await queryRunner.startTransaction();
            await (direction === "up" ? migration.up(queryRunner) : migration.down(queryRunner));
            await this.checkForeignKeys(queryRunner);
            const record = { name: node.name, timestamp: node.timestamp };
            await (direction === "up" ? table.record(record) : table.unrecord(record));
            if (inTransaction) await queryRunner.commitTransaction();
            return done(direction === "up" ? "applied" : "reverted");
        } catch (error) {
            if (inTransaction && queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
            return done("failed", error as Error);
        } finally {
            await queryRunner.afterMigration();
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
