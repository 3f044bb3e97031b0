import type { DataSource, MigrationInterface } from "typeorm";
import type { DialectModule } from "../dialects/dialect";
import { dialectForDriver } from "../dialects/registry";
import { fileChecksum } from "./checksum";
import { MigrationsTable, type RecordedMigration } from "./migrations-table";
import { inlineParameters } from "./inline-parameters";
import { ensureMigrationsTableSql } from "./offline-migrations-table";
import { RecordingQueryRunner, type RecordedQuery } from "./offline-query-runner";
import type { OfflineStep } from "./offline-range";
import { loadMigrations, type LoadedMigrations } from "./preflight";
import { ownsTransaction, scopeFor, type Scope, type TransactionMode } from "./transaction-scope";

/** The SQL of one step, or (`step: null`) of creating the migrations table if missing. */
export interface OfflineBlock {
    readonly step: OfflineStep | null;
    /** Statements without a trailing `;`, parameters written in as literals. */
    readonly statements: readonly string[];
    /** Caveats a reader of the SQL should see. */
    readonly notes: readonly string[];
}

/**
 * The SQL that running `steps` would send, without connecting: each migration's `up` / `down` is
 * called with TypeORM's query runner recording instead of running (see `RecordingQueryRunner`),
 * and the migrations-table statements are TypeORM's own, as the runner issues them: a migration's
 * statements and its row's INSERT (with our checksum) or DELETE inside one transaction where the
 * dialect has transactional DDL and the migration does not opt out (`transaction = false`).
 *
 * @example
 * const graph = RevisionStore.open("migrations/default").graph;
 * const steps = offlineSteps(graph, "upgrade", parseOfflineRange(graph, "upgrade", "head"));
 * const blocks = await offlineSql(dataSource, steps); // dataSource is never initialized
 */
export async function offlineSql(dataSource: DataSource, steps: readonly OfflineStep[], options: OfflineSqlOptions = {}): Promise<OfflineBlock[]> {
    const dialect = dialectForDriver(dataSource.options.type);
    const recorder = new RecordingQueryRunner(dataSource);
    const text = (queries: readonly RecordedQuery[]) => queries.map((query) => statementText(dialect, query));
    const blocks: OfflineBlock[] = [];
    if (steps.some((step) => step.action === "up" || step.action === "record")) {
        const ensure = await ensureMigrationsTableSql(recorder);
        blocks.push({
            step: null,
            statements: text(ensure.queries),
            notes: ["TypeORM's migrations table if missing, with typeorm-migrate's checksum column", ...ensure.notes],
        });
    }
    const migrationNodes = steps.filter((step) => step.action === "up" || step.action === "down").map((step) => step.node);
    const migrations = await loadMigrations(migrationNodes);
    const scope = scopeFor(options.transaction, dialect.capabilities.transactionalDdl, migrationNodes, migrations);
    const outer = scope === "outer";
    const context: StepContext = {
        recorder,
        table: new MigrationsTable(dataSource, recorder.queryRunner),
        scope,
        transactionalDdl: dialect.capabilities.transactionalDdl,
        migrations,
        adopted: options.adopted ?? (() => []),
    };
    if (outer) {
        await recorder.queryRunner.beforeMigration();
        await recorder.queryRunner.startTransaction();
        blocks.push({ step: null, statements: text(recorder.take()), notes: ["one transaction around every migration (--transaction all)"] });
    }
    for (const step of steps) {
        try {
            await recordStep(step, context);
        } catch (error) {
            if (error instanceof Error) error.message = `${step.node.revision} (${step.node.name}) ${step.action}: ${error.message}`;
            throw error;
        }
        blocks.push({ step, statements: text(recorder.take()), notes: [] });
    }
    if (outer) {
        await recorder.queryRunner.commitTransaction();
        await recorder.queryRunner.afterMigration();
        blocks.push({ step: null, statements: text(recorder.take()), notes: ["end of the transaction"] });
    }
    return blocks;
}

export interface OfflineSqlOptions {
    /** As `Runner` takes it: one transaction per migration (default), one for all, or none. */
    readonly transaction?: TransactionMode;
    /** A baseline's adopted TypeORM migrations, whose rows go in and out with it (see `adoptedMigrations`). */
    readonly adopted?: (node: OfflineStep["node"]) => readonly RecordedMigration[];
}

interface StepContext {
    readonly recorder: RecordingQueryRunner;
    readonly table: MigrationsTable;
    readonly scope: Scope;
    readonly transactionalDdl: boolean;
    readonly migrations: LoadedMigrations;
    readonly adopted: (node: OfflineStep["node"]) => readonly RecordedMigration[];
}

/** The runner's sequence for one migration (see `Runner.runOne`), recorded. */
async function recordStep({ node, action }: OfflineStep, context: StepContext): Promise<void> {
    const { recorder, table, scope, transactionalDdl } = context;
    const row = { name: node.name, timestamp: node.timestamp, checksum: fileChecksum(node.file) };
    // Offline the table's rows are unknown: an adopted row is written as the runner writes it on a new database.
    const adopted = context.adopted(node);
    const writeRows = async (up: boolean) => {
        await (up ? table.record(row) : table.unrecord(row));
        for (const other of adopted) await (up ? table.record(other) : table.unrecord(other));
    };
    if (action === "record" || action === "unrecord") return writeRows(action === "record");
    const migration = context.migrations.get(node.revision) as MigrationInterface;
    const queryRunner = recorder.queryRunner;
    const ownTransaction = ownsTransaction(scope, transactionalDdl, migration);
    if (scope !== "outer") await queryRunner.beforeMigration();
    if (ownTransaction) await queryRunner.startTransaction();
    await (action === "up" ? migration.up(queryRunner) : migration.down(queryRunner));
    await writeRows(action === "up");
    if (ownTransaction) await queryRunner.commitTransaction();
    if (scope !== "outer") await queryRunner.afterMigration();
}

/** One statement as printed: parameters inlined, without a trailing `;` (the printer adds it). */
function statementText(dialect: DialectModule, query: RecordedQuery): string {
    return inlineParameters(dialect, query.sql, query.parameters).trim().replace(/;+$/, "").trimEnd();
}
