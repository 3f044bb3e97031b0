import { serverConnectionUrl, urlWithDatabase, type DialectRuntime } from "../runtime";
import { mysqlMigrationLock } from "./lock";
import { mysqlAddColumnIfMissing } from "./migrations-table-sql";
import { mysqlOfflineLiterals } from "./offline-literals";
import { quoteIdentifier } from "./quote";

/** MySQL's and MariaDB's: the two servers answer alike here. */
export const mysqlRuntime: DialectRuntime = {
    migrationLock: mysqlMigrationLock,
    offlineLiterals: mysqlOfflineLiterals,
    migrationFrame: null,
    addColumnIfMissing: mysqlAddColumnIfMissing,
    // TEXT holds 64 KB; one statement may be longer.
    longTextType: "longtext",
    foreignKeyViolations: null,
    scratchDatabase: (name, bindUrl) => ({
        database: name,
        ...(bindUrl === undefined ? {} : { url: urlWithDatabase(bindUrl, name) }),
        create: `CREATE DATABASE ${quoteIdentifier(name)}`,
        drop: `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`,
    }),
    connectionUrl: (url) => serverConnectionUrl(url, ["mysql", "mariadb"]),
    migrationConnectionOptions: {},
    beforeResending: () => null,
    lockTimeout: null,
    canLookWithoutCreating: () => true,
    connectTimeoutOptions: (ms) => ({ connectTimeout: ms }),
    defaultSchema: () => "",
    singleConnectionOptions: { connectionLimit: 1 },
    schemaTargets: null,
};
