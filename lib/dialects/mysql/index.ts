import type { DialectModule } from "../dialect";
import { mysqlCapabilities } from "./capabilities";
import { mysqlEmitters } from "./emitters";
import { mysqlLocks } from "./locks";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { mysqlDataChecks } from "./data-checks";
import { mariadbReading, mysqlReading } from "./reading";
import { mysqlRuntime } from "./runtime";

/**
 * MySQL and MariaDB (TypeORM's `mysql` and `mariadb` drivers): builds what `synchronize()` builds,
 * name for name (uniques as unique indexes, inline enums, AUTO_INCREMENT), and changes a column
 * with `MODIFY COLUMN` and its whole definition, so its rows are converted, not dropped.
 * DDL is not transactional here: each statement commits on its own.
 *
 * @example
 * const steps = renderStatements(mysqlDialect, headSchema, ops);
 * // [{ op, statements: [{ sql: "CREATE TABLE `post` (`id` int NOT NULL AUTO_INCREMENT, ..., PRIMARY KEY (`id`)) ENGINE=InnoDB" }] }, ...]
 */
export const mysqlDialect: DialectModule = {
    name: "mysql",
    variant: "mysql",
    capabilities: mysqlCapabilities,
    emitters: mysqlEmitters,
    locks: mysqlLocks,
    quoteIdentifier,
    quoteLiteral,
    dataChecks: mysqlDataChecks,
    reading: mysqlReading,
    runtime: mysqlRuntime,
};

/** MariaDB: the MySQL dialect with MariaDB's answers where the two servers differ. */
export const mariadbDialect: DialectModule = { ...mysqlDialect, variant: "mariadb", reading: mariadbReading };

export { UnsupportedMysqlSchemaError } from "./errors";
