import { MigrationExecutor, type DataSource, type Migration, type QueryRunner } from "typeorm";
import { typeormMajor } from "./version";

/** The parts of TypeORM's MigrationExecutor we reuse (the same in 0.3 and 1.x), so its migrations table stays TypeORM's own. */
export interface MigrationsTableInternals {
    createMigrationsTableIfNotExist(queryRunner: QueryRunner): Promise<void>;
    loadExecutedMigrations(queryRunner: QueryRunner): Promise<Migration[]>;
    insertExecutedMigration(queryRunner: QueryRunner, migration: Migration): Promise<void>;
    deleteExecutedMigration(queryRunner: QueryRunner, migration: Migration): Promise<void>;
    /** The table's path, schema (and database) included. */
    readonly migrationsTable: string;
    readonly migrationsTableName: string;
}

export function migrationsTableInternals(dataSource: DataSource, queryRunner: QueryRunner): MigrationsTableInternals {
    typeormMajor();
    return new MigrationExecutor(dataSource, queryRunner) as unknown as MigrationsTableInternals;
}
