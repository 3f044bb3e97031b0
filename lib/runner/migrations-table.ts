import { Migration, TableColumn, type DataSource, type QueryRunner } from "typeorm";
import { migrationsTableInternals, type MigrationsTableInternals } from "../typeorm";

// TypeORM's table has no column for it; TypeORM reads its rows with `select *` and ignores extras.
export const checksumColumnOptions = { name: "checksum", type: "varchar", length: "80", isNullable: true } as const;
const checksumColumn = checksumColumnOptions.name;

export interface RecordedMigration {
    readonly name: string;
    readonly timestamp: number;
    /** The migration file's checksum when this tool applied it; null when TypeORM's runner did. */
    readonly checksum?: string | null;
}

/** TypeORM takes a migration's timestamp from the last 13 digits of its name, and refuses names without them. */
export function timestampOf(name: string): number {
    const digits = /(\d{13})$/.exec(name);
    return digits === null ? 0 : Number(digits[1]);
}

/**
 * TypeORM's migrations table (`migrationsTableName` honoured), read and written through TypeORM's
 * own executor so that `typeorm migration:show|run|revert` and this tool agree.
 */
export class MigrationsTable {
    private readonly executor: MigrationsTableInternals;

    constructor(
        private readonly dataSource: DataSource,
        private readonly queryRunner: QueryRunner,
    ) {
        this.executor = migrationsTableInternals(dataSource, queryRunner);
    }

    /** Creates TypeORM's table if missing, with our checksum column (outside any migration's transaction). */
    async ensure(): Promise<void> {
        await this.executor.createMigrationsTableIfNotExist(this.queryRunner);
        await this.ensureChecksumColumn();
    }

    async exists(): Promise<boolean> {
        return this.queryRunner.hasTable(this.executor.migrationsTable);
    }

    async list(): Promise<RecordedMigration[]> {
        if (!(await this.exists())) return [];
        const rows = await this.executor.loadExecutedMigrations(this.queryRunner);
        const checksums = await this.checksums();
        return rows.map((row) => ({ name: row.name, timestamp: row.timestamp, checksum: checksums.get(row.name) ?? null }));
    }

    /** Records an applied migration, with the checksum of its file when given. */
    async record(migration: RecordedMigration): Promise<void> {
        await this.executor.insertExecutedMigration(this.queryRunner, new Migration(undefined, migration.timestamp, migration.name));
        if (migration.checksum) {
            await this.queryRunner.manager
                .createQueryBuilder(this.queryRunner)
                .update(this.executor.migrationsTable)
                .set({ [checksumColumn]: migration.checksum })
                .where(`${this.dataSource.driver.escape("name")} = :name`, { name: migration.name })
                .execute();
        }
    }

    private async checksums(): Promise<Map<string, string | null>> {
        if (!(await this.queryRunner.hasColumn(this.executor.migrationsTable, checksumColumn))) return new Map();
        const rows = await this.queryRunner.manager
            .createQueryBuilder(this.queryRunner)
            .select(this.dataSource.driver.escape("name"), "name")
            .addSelect(this.dataSource.driver.escape(checksumColumn), "checksum")
            .from(this.executor.migrationsTable, this.executor.migrationsTableName)
            .getRawMany<{ name: string; checksum: string | null }>();
        return new Map(rows.map((row) => [row.name, row.checksum]));
    }

    private async ensureChecksumColumn(): Promise<void> {
        if (await this.queryRunner.hasColumn(this.executor.migrationsTable, checksumColumn)) return;
        await this.queryRunner.addColumn(this.executor.migrationsTable, new TableColumn({ ...checksumColumnOptions }));
    }

    /** Deletes every row, ours and TypeORM's alike (`stamp --purge`). */
    async purge(): Promise<void> {
        await this.queryRunner.manager.createQueryBuilder(this.queryRunner).delete().from(this.executor.migrationsTable).execute();
    }

    async unrecord(migration: RecordedMigration): Promise<void> {
        await this.executor.deleteExecutedMigration(this.queryRunner, new Migration(undefined, migration.timestamp, migration.name));
    }
}
