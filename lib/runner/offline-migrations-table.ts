import { Table, TableColumn, type DataSource } from "typeorm";
import { dialectModule } from "../dialects/registry";
import { dialectOf } from "../entities/dialect-of";
import { escapedTablePath, migrationsTableInternals, overrideMethods, privateQueryRunner } from "../typeorm";
import type { RecordedQuery, RecordingQueryRunner } from "./offline-query-runner";

import { checksumColumnOptions as checksumColumn } from "./migrations-table";

export interface EnsureSql {
    readonly queries: readonly RecordedQuery[];
    /** What the SQL cannot do on this dialect, for a comment beside it. */
    readonly notes: readonly string[];
}

/**
 * What `MigrationsTable.ensure()` does, as SQL that needs no answer from the database: TypeORM's
 * `CREATE TABLE` for its migrations table (its columns, names and `migrationsTableName`), made
 * `IF NOT EXISTS` and given our checksum column, then the checksum column added to a table that
 * TypeORM's own runner made earlier without it, where the dialect can say "if missing".
 */
export async function ensureMigrationsTableSql(recorder: RecordingQueryRunner): Promise<EnsureSql> {
    const { dataSource } = recorder;
    const table = await typeormMigrationsTable(dataSource);
    table.addColumn(new TableColumn({ ...checksumColumn }));
    await recorder.queryRunner.createTable(table);
    const queries = recorder.take().map((query, i) => (i === 0 ? { ...query, sql: ifNotExists(query.sql) } : query));
    const path = escapedTablePath(recorder.queryRunner, table);
    const type = dataSource.driver.createFullType(new TableColumn({ ...checksumColumn }));
    const column = dataSource.driver.escape(checksumColumn.name);
    const dialect = dialectOf(dataSource.options.type);
    if (dialect === "postgres") {
        return { queries: [...queries, { sql: `ALTER TABLE ${path} ADD COLUMN IF NOT EXISTS ${column} ${type}`, parameters: [] }], notes: [] };
    }
    if (dialect === "mysql") return { queries: [...queries, ...mysqlAddColumnIfMissing(dataSource, table, `${column} ${type} NULL`)], notes: [] };
    return {
        queries,
        notes: [
            `SQLite cannot add a column only if it is missing: if ${path} existed before without ${column}, first run: ALTER TABLE ${path} ADD COLUMN ${column} ${type}`,
        ],
    };
}

/** The `Table` TypeORM's executor would create, caught on its way to `createTable`. */
async function typeormMigrationsTable(dataSource: DataSource): Promise<Table> {
    const catcher = privateQueryRunner(dataSource);
    let caught: Table | undefined;
    overrideMethods(catcher, {
        hasTable: async () => false,
        createTable: async (table: Table) => {
            caught = table;
        },
    });
    await migrationsTableInternals(dataSource, catcher).createMigrationsTableIfNotExist(catcher);
    if (!caught) throw new Error(`TypeORM did not define a migrations table for driver "${dataSource.options.type}"`);
    return caught;
}

function ifNotExists(sql: string): string {
    if (!sql.startsWith("CREATE TABLE ")) throw new Error(`unexpected SQL for TypeORM's migrations table: ${sql.slice(0, 80)}`);
    return `CREATE TABLE IF NOT EXISTS ${sql.slice("CREATE TABLE ".length)}`;
}

/** MySQL 8 has no `ADD COLUMN IF NOT EXISTS` (MariaDB has): ask information_schema, then run the ALTER or nothing. */
function mysqlAddColumnIfMissing(dataSource: DataSource, table: Table, definition: string): RecordedQuery[] {
    const { quoteLiteral } = dialectModule("mysql");
    const { database, tableName } = dataSource.driver.parseTableName(table);
    const escape = (name: string) => dataSource.driver.escape(name);
    const path = database ? `${escape(database)}.${escape(tableName)}` : escape(tableName);
    const alter = `ALTER TABLE ${path} ADD ${definition}`;
    const where = `TABLE_SCHEMA = ${database ? quoteLiteral(database) : "DATABASE()"} AND TABLE_NAME = ${quoteLiteral(tableName)} AND COLUMN_NAME = ${quoteLiteral(checksumColumn.name)}`;
    return [
        `SET @typeorm_migrate_sql = IF(EXISTS(SELECT 1 FROM information_schema.COLUMNS WHERE ${where}), 'DO 0', ${quoteLiteral(alter)})`,
        "PREPARE typeorm_migrate_stmt FROM @typeorm_migrate_sql",
        "EXECUTE typeorm_migrate_stmt",
        "DEALLOCATE PREPARE typeorm_migrate_stmt",
    ].map((sql) => ({ sql, parameters: [] }));
}
