import type { DialectModule } from "../dialect";
import { postgresCapabilities } from "./capabilities";
import { postgresEmitters } from "./emitters";
import { postgresLocks } from "./locks";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { postgresDataChecks } from "./data-checks";
import { postgresReading } from "./reading";
import { postgresRuntime } from "./runtime";

/**
 * PostgreSQL: builds what TypeORM's `synchronize()` builds, name for name (SERIAL sequences,
 * enum types, constraint names), and changes columns in place so their rows survive.
 *
 * @example
 * const steps = renderStatements(postgresDialect, headSchema, ops);
 * // [{ op, statements: [{ sql: 'CREATE TYPE "public"."post_status_enum" AS ENUM(\'draft\', \'published\')' }] }, ...]
 */
export const postgresDialect: DialectModule = {
    name: "postgres",
    variant: "postgres",
    capabilities: postgresCapabilities,
    emitters: postgresEmitters,
    locks: postgresLocks,
    quoteIdentifier,
    quoteLiteral,
    dataChecks: postgresDataChecks,
    reading: postgresReading,
    runtime: postgresRuntime,
};

export { UnsupportedPostgresSchemaError } from "./errors";
