import { driverSchema } from "../../typeorm";
import { serverConnectionUrl, urlWithDatabase, type DialectRuntime } from "../runtime";
import { lockPerSchema, postgresMigrationLock } from "./lock";
import { postgresOfflineLiterals } from "./offline-literals";
import { quoteIdentifier } from "./quote";

export const postgresRuntime: DialectRuntime = {
    migrationLock: postgresMigrationLock,
    offlineLiterals: postgresOfflineLiterals,
    migrationFrame: null,
    addColumnIfMissing: ({ tablePath, column, type, escape }) => ({
        statements: [`ALTER TABLE ${tablePath} ADD COLUMN IF NOT EXISTS ${escape(column)} ${type}`],
        notes: [],
    }),
    longTextType: "text",
    foreignKeyViolations: null,
    scratchDatabase: (name, bindUrl) => ({
        database: name,
        ...(bindUrl === undefined ? {} : { url: urlWithDatabase(bindUrl, name) }),
        create: `CREATE DATABASE ${quoteIdentifier(name)}`,
        // FORCE: a connection the scratch run left behind does not keep it.
        drop: `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`,
    }),
    connectionUrl: (url) => serverConnectionUrl(url, ["postgres", "postgresql"]),
    migrationConnectionOptions: { installExtensions: false },
    beforeResending: invalidIndexCleanup,
    lockTimeout: {
        set: (ms) => `SET lock_timeout = '${Math.round(ms)}ms'`,
        reset: "RESET lock_timeout",
        // lock_not_available; TypeORM's QueryFailedError keeps the driver's error as `driverError`.
        isTimeout: (error) => sqlState(error) === "55P03" || sqlState((error as { driverError?: unknown } | null)?.driverError) === "55P03",
    },
    canLookWithoutCreating: () => true,
    connectTimeoutOptions: (ms) => ({ connectTimeoutMS: ms }),
    // The driver learns the current schema on connect.
    defaultSchema: (dataSource) => driverSchema(dataSource) ?? "public",
    singleConnectionOptions: { max: 1 },
    schemaTargets: {
        listSql: `select nspname as "name" from pg_namespace where nspname ~ $1 and nspname not like 'pg\\_%' and nspname <> 'information_schema' order by nspname`,
        // The server reads `-c` options at connection start, so every pooled connection gets it.
        connectionOptions: (schema) => ({ options: `-c search_path=${searchPathValue(schema)},public` }),
        lockPerSchema,
    },
};

/** A schema name as a search_path element: quoted, and with what libpq's options string treats specially escaped. */
function searchPathValue(schema: string): string {
    return quoteIdentifier(schema).replace(/[\\ ]/g, (c) => `\\${c}`);
}

function sqlState(error: unknown): unknown {
    return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

const quoted = String.raw`"(?:[^"]|"")+"`;
// CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] "name" ON [ONLY] ["schema".]"table"
const concurrentBuild = new RegExp(
    String.raw`^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(${quoted})\s+ON\s+(?:ONLY\s+)?(?:(${quoted})\.)?${quoted}`,
    "i",
);

/**
 * A failed or interrupted `CREATE INDEX CONCURRENTLY` leaves an INVALID index of that name, which
 * the build sent again would collide with: drop it first (the index lives in its table's schema).
 */
function invalidIndexCleanup(sql: string): string | null {
    const match = concurrentBuild.exec(sql);
    if (match === null) return null;
    const [, index, schema] = match;
    return `DROP INDEX CONCURRENTLY IF EXISTS ${schema === undefined ? "" : `${schema}.`}${index}`;
}
