import { Migration, MigrationExecutor, type DataSource, type QueryRunner } from "typeorm";

/** The parts of TypeORM's MigrationExecutor we reuse, so its migrations table stays TypeORM's own. */
interface ExecutorInternals {
    createMigrationsTableIfNotExist(queryRunner: QueryRunner): Promise<void>;
    loadExecutedMigrations(queryRunner: QueryRunner): Promise<Migration[]>;
    insertExecutedMigration(queryRunner: QueryRunner, migration: Migration): Promise<void>;
    deleteExecutedMigration(queryRunner: QueryRunner, migration: Migration): Promise<void>;
    migrationsTable: string;
}

export interface RecordedMigration {
    readonly name: string;
    readonly timestamp: number;
}

/**
 * TypeORM's migrations table (`migrationsTableName` honoured), read and written through TypeORM's
 * own executor so that `typeorm migration:show|run|revert` and this tool agree.
 */
export class MigrationsTable {
    private readonly executor: ExecutorInternals;

    constructor(dataSource: DataSource, private readonly queryRunner: QueryRunner) {
        this.executor = new MigrationExecutor(dataSource, queryRunner) as unknown as ExecutorInternals;
    }

    async ensure(): Promise<void> {
        await this.executor.createMigrationsTableIfNotExist(this.queryRunner);
    }

    async exists(): Promise<boolean> {
        return this.queryRunner.hasTable(this.executor.migrationsTable);
    }

    async list(): Promise<RecordedMigration[]> {
        if (!(await this.exists())) return [];
        const rows = await this.executor.loadExecutedMigrations(this.queryRunner);
        return rows.map((row) => ({ name: row.name, timestamp: row.timestamp }));
    }

    async record(migration: RecordedMigration): Promise<void> {
        await this.executor.insertExecutedMigration(this.queryRunner, new Migration(undefined, migration.timestamp, migration.name));
    }

    async unrecord(migration: RecordedMigration): Promise<void> {
        await this.executor.deleteExecutedMigration(this.queryRunner, new Migration(undefined, migration.timestamp, migration.name));
    }
}
