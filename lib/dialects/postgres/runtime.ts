import { driverSchema } from "../../typeorm";
import { serverConnectionUrl, urlWithDatabase, type DialectRuntime } from "../runtime";
import { postgresMigrationLock } from "./lock";
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
    canLookWithoutCreating: () => true,
    connectTimeoutOptions: (ms) => ({ connectTimeoutMS: ms }),
    // The driver learns the current schema on connect.
    defaultSchema: (dataSource) => driverSchema(dataSource) ?? "public",
};
