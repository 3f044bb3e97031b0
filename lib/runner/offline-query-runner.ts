import { QueryResult, type DataSource, type QueryRunner } from "typeorm";
import { dialectForDriver } from "../dialects/registry";
import { TypeormMigrateError } from "../errors";
import { overrideMethods, privateQueryRunner } from "../typeorm";

/** A statement a migration would have run, with the parameters it passed. */
export interface RecordedQuery {
    readonly sql: string;
    readonly parameters: readonly unknown[];
}

/** A migration asked for something only a live database can answer; printed SQL has none. */
export class OfflineSqlUnsupportedError extends TypeormMigrateError {
    override readonly name = "OfflineSqlUnsupportedError";
}

// TypeORM query-runner methods that read the live schema or server. A helper that needs one (e.g.
// `addColumn("post", ...)`, which loads the table first) cannot be printed without a database.
const liveReads = [
    "connect",
    "stream",
    "hasTable",
    "hasColumn",
    "hasDatabase",
    "hasSchema",
    "hasEnumType",
    "hasSupportForPartitionedTables",
    "getCurrentDatabase",
    "getCurrentSchema",
    "getVersion",
    "getTableNameWithSchema",
    "getUserDefinedTypeName",
    "loadTables",
    "loadViews",
    "loadPragmaRecords",
    "loadTableRecords",
    "clearDatabase",
] as const;

/**
 * TypeORM's own query runner for a data source that is never initialized, with every statement
 * recorded instead of run: `query()` (and the query builders and entity manager, which go through
 * it) and the schema helpers' SQL (`createTable(table)`, `createIndex(table, index)`, ...), in the
 * order the migration issues them. Helpers that must first read the database throw
 * `OfflineSqlUnsupportedError`, naming the helper the migration called.
 */
export class RecordingQueryRunner {
    /** What a migration's `up` / `down` receives. */
    readonly queryRunner: QueryRunner;
    private recorded: RecordedQuery[] = [];
    private calling: string | null = null;

    constructor(readonly dataSource: DataSource) {
        const runner = privateQueryRunner(dataSource);
        const overrides: Record<string, (...args: never[]) => unknown> = {
            query: async (sql: string, parameters?: unknown[], structured?: boolean) => {
                this.recorded.push({ sql, parameters: parameters ?? [] });
                return structured ? Object.assign(new QueryResult(), { raw: [], records: [] }) : [];
            },
            executeQueries: async (up: { query: string; parameters?: unknown[] } | { query: string; parameters?: unknown[] }[]) => {
                for (const query of Array.isArray(up) ? up : [up]) this.recorded.push({ sql: query.query, parameters: query.parameters ?? [] });
            },
        };
        for (const method of liveReads) {
            overrides[method] = async () => {
                const helper =
                    this.calling !== null && this.calling !== method
                        ? `queryRunner.${this.calling}(...) needs ${method}()`
                        : `queryRunner.${method}() reads the database`;
                throw new OfflineSqlUnsupportedError(
                    `${helper}, and printing SQL does not connect`,
                    'write such a step as queryRunner.query("...") or pass the helper a Table object',
                );
            };
        }
        // What TypeORM's `beforeMigration` / `afterMigration` run, where they run anything.
        const frame = dialectForDriver(dataSource.options.type).runtime.migrationFrame;
        overrides.beforeMigration = async () => {
            if (frame) await runner.query(frame.before);
        };
        overrides.afterMigration = async () => {
            if (frame) await runner.query(frame.after);
        };
        overrideMethods(runner, overrides);
        this.queryRunner = this.namingCalls(runner);
    }

    /** The statements recorded since the last call, and forgets them. */
    take(): RecordedQuery[] {
        const taken = this.recorded;
        this.recorded = [];
        return taken;
    }

    /** Remembers which method the migration called, so a failure deep inside TypeORM names it. */
    private namingCalls(runner: QueryRunner): QueryRunner {
        return new Proxy(runner, {
            get: (target, property, receiver) => {
                const value: unknown = Reflect.get(target, property, receiver);
                if (typeof value !== "function" || typeof property !== "string") return value;
                return (...args: unknown[]) => {
                    const outer = this.calling === null;
                    if (outer) this.calling = property;
                    const settle = () => {
                        if (outer) this.calling = null;
                    };
                    try {
                        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
                        if (result instanceof Promise) return result.finally(settle);
                        settle();
                        return result;
                    } catch (error) {
                        settle();
                        throw error;
                    }
                };
            },
        });
    }
}
