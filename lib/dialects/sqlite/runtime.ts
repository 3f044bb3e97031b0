import { existsSync } from "node:fs";
import { urlScheme, type DialectRuntime, type ForeignKeyViolation } from "../runtime";
import { databaseFile } from "./database-file";
import { sqliteMigrationLock } from "./lock";
import { sqliteOfflineLiterals } from "./offline-literals";

const schemes = ["sqlite", "file"];

export const sqliteRuntime: DialectRuntime = {
    migrationLock: sqliteMigrationLock,
    offlineLiterals: sqliteOfflineLiterals,
    // Rebuilds must run with foreign keys off; TypeORM's better-sqlite3 and sql.js runners switch
    // them through the driver's pragma call, not through `query()`, so printed SQL says it.
    migrationFrame: { before: "PRAGMA foreign_keys = OFF", after: "PRAGMA foreign_keys = ON" },
    addColumnIfMissing: ({ tablePath, column, type, escape }) => ({
        statements: [],
        notes: [
            `SQLite cannot add a column only if it is missing: if ${tablePath} existed before without ${escape(column)}, first run: ALTER TABLE ${tablePath} ADD COLUMN ${escape(column)} ${type}`,
        ],
    }),
    longTextType: "text",
    // With foreign keys off during a rebuild, SQLite would not notice rows left orphaned.
    foreignKeyViolations: async (queryRunner) => (await queryRunner.query("PRAGMA foreign_key_check")) as ForeignKeyViolation[],
    scratchDatabase: () => ({ database: ":memory:" }),
    connectionUrl: (url) => {
        const scheme = urlScheme(url);
        if (scheme !== undefined && !schemes.includes(scheme)) return { kind: "another-dialect" };
        return { kind: "options", options: { database: url.replace(/^(sqlite|file):(\/\/)?/i, "") } };
    },
    migrationConnectionOptions: {},
    beforeResending: () => null,
    lockTimeout: null,
    canLookWithoutCreating: (options) => {
        const file = databaseFile(options);
        return file !== null && existsSync(file);
    },
    connectTimeoutOptions: () => ({}),
    defaultSchema: () => "",
    // One connection is all TypeORM's SQLite drivers keep.
    singleConnectionOptions: {},
    schemaTargets: null,
};
