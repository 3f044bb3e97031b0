import type { DialectModule } from "../dialect";
import { sqliteCapabilities } from "./capabilities";
import { sqliteEmitters } from "./emitters";
import { sqliteLocks } from "./locks";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { sqliteDataChecks } from "./data-checks";
import { sqliteReading } from "./reading";
import { sqliteRuntime } from "./runtime";

/**
 * SQLite (TypeORM's `better-sqlite3` and `sqlite` drivers). Most changes are table rebuilds,
 * which must run with foreign keys off, as TypeORM runs migrations (`beforeMigration()`).
 *
 * @example
 * const sql = renderStatements(sqliteDialect, headSchema, ops);
 */
export const sqliteDialect: DialectModule = {
    name: "sqlite",
    variant: "sqlite",
    capabilities: sqliteCapabilities,
    emitters: sqliteEmitters,
    locks: sqliteLocks,
    quoteIdentifier,
    quoteLiteral,
    dataChecks: sqliteDataChecks,
    reading: sqliteReading,
    runtime: sqliteRuntime,
};

export { UnsupportedSqliteSchemaError } from "./errors";
