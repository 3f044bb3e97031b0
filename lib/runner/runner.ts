import type { DataSource, MigrationInterface, QueryRunner } from "typeorm";
import type { Capabilities } from "../dialects/dialect";
import { dialectModule } from "../dialects/registry";
import { dialectOf } from "../metadata/dialect-of";
import type { RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import { loadMigration } from "./load-migration";
import { MigrationsTable } from "./migrations-table";

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

    constructor(private readonly dataSource: DataSource, private readonly store: RevisionStore) {
        this.capabilities = dialectModule(dialectOf(dataSource.options.type)).capabilities;
    }

    async state(): Promise<AppliedState> {
        return this.withQueryRunner(async (queryRunner) => {
            const recorded = await new MigrationsTable(this.dataSource, queryRunner).list();
            const byName = new Map(this.store.graph.all().map((node) => [node.name, node.revision]));
            return {
                applied: new Set(recorded.filter((r) => byName.has(r.name)).map((r) => byName.get(r.name) as string)),
                foreign: recorded.filter((r) => !byName.has(r.name)).map((r) => r.name),
            };
        });
    }

    /** Applies every revision `target` needs that is not applied yet, in graph order. */
    async upgrade(target: string | null, onResult?: (result: MigrationResult) => void): Promise<MigrationResult[]> {
        const { applied } = await this.state();
        return this.run(this.store.graph.toApply(applied, target), "up", onResult);
    }

    /** Reverts every applied revision that `target` does not descend from, children first. */
    async downgrade(target: string | null, onResult?: (result: MigrationResult) => void): Promise<MigrationResult[]> {
        const { applied } = await this.state();
        return this.run(this.store.graph.toRevert(applied, target), "down", onResult);
    }

    private async run(nodes: readonly RevisionNode[], direction: "up" | "down", onResult?: (r: MigrationResult) => void): Promise<MigrationResult[]> {
        if (nodes.length === 0) return [];
        return this.withQueryRunner(async (queryRunner) => {
            const table = new MigrationsTable(this.dataSource, queryRunner);
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
        });
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
