import type { DataSource, QueryRunner, Table } from "typeorm";
import { typeormMajor } from "./version";

/**
 * A query runner of one's own to change: SQLite drivers hand every caller the same runner, so
 * the changes go on an object that inherits from it, with an entity manager bound to that object.
 */
export function privateQueryRunner(dataSource: DataSource): QueryRunner {
    typeormMajor();
    const runner = Object.create(dataSource.driver.createQueryRunner("master")) as QueryRunner;
    Object.assign(runner, { manager: dataSource.createEntityManager(runner) });
    return runner;
}

/** Replaces methods of a runner from `privateQueryRunner`, including ones TypeORM's interface does not declare. */
export function overrideMethods(runner: QueryRunner, methods: Record<string, (...args: never[]) => unknown>): void {
    Object.assign(runner, methods);
}

/** The quoted, schema-qualified name the query runner writes for a table (its own `escapePath`). */
export function escapedTablePath(runner: QueryRunner, table: Table | string): string {
    return (runner as unknown as { escapePath(target: Table | string): string }).escapePath(table);
}
