import { Table, TableColumn, type DataSource } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
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
    const { database, tableName } = dataSource.driver.parseTableName(table);
    const added = dialectForDriver(dataSource.options.type).runtime.addColumnIfMissing({
        tablePath: escapedTablePath(recorder.queryRunner, table),
        database,
        tableName,
        column: checksumColumn.name,
        type: dataSource.driver.createFullType(new TableColumn({ ...checksumColumn })),
        escape: (name) => dataSource.driver.escape(name),
    });
    return { queries: [...queries, ...added.statements.map((sql) => ({ sql, parameters: [] }))], notes: added.notes };
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
