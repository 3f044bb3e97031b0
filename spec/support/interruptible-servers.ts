import Database from "better-sqlite3";
import { createConnection } from "mysql2/promise";
import { Client } from "pg";
import { createMysqlDatabase, createPostgresDatabase, createSqliteFile } from "./databases";

/**
 * A scratch database for the analytics fixture, with what a test needs to interrupt a migration
 * on it: its own client, the server-side session running a statement, and a way to kill it.
 */
export interface InterruptibleDatabase {
    /** The environment pointing the analytics fixture at it; `port` routes it through a proxy. */
    env(port?: number): Record<string, string>;
    readonly host: string;
    readonly port: number;
    query(sql: string): Promise<Record<string, unknown>[]>;
    /** The id of another session running a statement that starts with `prefix`, or null. */
    sessionRunning(prefix: string): Promise<string | null>;
    /** Ends a session from another connection, as a DBA would (`KILL`, `pg_terminate_backend`). */
    killSession(id: string): Promise<void>;
    drop(): Promise<void>;
}

export interface InterruptibleServer {
    readonly name: string;
    /** Extra `upgrade` arguments: PostgreSQL and SQLite have transactional DDL unless told not to use it. */
    readonly upgradeArgs: readonly string[];
    /** A read that takes about `seconds`. */
    sleep(seconds: number): string;
    /** A write that takes about `seconds`, making table `table`. */
    slowWrite(table: string, seconds: number): string;
    /** The SQL of an index's existence check, returning rows when index `name` exists. */
    indexExists(name: string): string;
    create(): Promise<InterruptibleDatabase>;
    /** False where nothing but the process can be interrupted (SQLite has no server). */
    readonly hasServer: boolean;
}

export const mariadb: InterruptibleServer = mysqlFamily("MariaDB", "mariadb");

/** The same server through TypeORM's `mysql` driver type. */
export const mariadbAsMysql: InterruptibleServer = mysqlFamily("MariaDB as TypeORM type mysql", "mysql");

function mysqlFamily(label: string, scheme: "mariadb" | "mysql"): InterruptibleServer {
    return {
        name: label,
        upgradeArgs: [],
        sleep: (seconds) => `SELECT SLEEP(${seconds})`,
        slowWrite: (table, seconds) => `CREATE TABLE ${table} AS SELECT SLEEP(${seconds}) AS slept`,
        indexExists: (name) => `SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = '${name}'`,
        hasServer: true,
        create: async () => {
            const db = await createMysqlDatabase();
            const { host, port, username, password } = db.options;
            const connection = await createConnection({ host, port, user: username, password, database: db.name });
            return {
                host,
                port,
                env: (via = port) => ({ ANALYTICS_URL: `${scheme}://${username}${password ? `:${password}` : ""}@${host}:${via}/${db.name}` }),
                query: async (sql) => (await connection.query(sql))[0] as Record<string, unknown>[],
                sessionRunning: async (prefix) => {
                    const [rows] = await connection.query("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()", [
                        `${prefix}%`,
                    ]);
                    return (rows as { id: number }[]).length > 0 ? String((rows as { id: number }[])[0].id) : null;
                },
                killSession: async (id) => void (await connection.query(`KILL ${Number(id)}`)),
                drop: async () => {
                    await connection.end();
                    await db.drop();
                },
            };
        },
    };
}

export const postgres: InterruptibleServer = {
    name: "PostgreSQL (--transaction none)",
    upgradeArgs: ["--transaction", "none"],
    sleep: (seconds) => `SELECT pg_sleep(${seconds})`,
    slowWrite: (table, seconds) => `CREATE TABLE ${table} AS SELECT 1 AS slept FROM pg_sleep(${seconds})`,
    // Unquoted names fold to lower case.
    indexExists: (name) => `SELECT 1 FROM pg_indexes WHERE indexname = '${name.toLowerCase()}'`,
    hasServer: true,
    create: async () => {
        const db = await createPostgresDatabase();
        const client = new Client({ connectionString: db.url });
        await client.connect();
        const { host, port } = db.options;
        return {
            host,
            port,
            env: (via = port) => ({ ANALYTICS_URL: db.url.replace(`@${host}:${port}/`, `@${host}:${via}/`) }),
            query: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[],
            sessionRunning: async (prefix) => {
                const { rows } = await client.query<{ pid: number }>(
                    "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
                    [`${prefix}%`],
                );
                return rows.length > 0 ? String(rows[0].pid) : null;
            },
            killSession: async (id) => void (await client.query("SELECT pg_terminate_backend($1)", [Number(id)])),
            drop: async () => {
                await client.end();
                await db.drop();
            },
        };
    },
};

export const sqlite: InterruptibleServer = {
    name: "SQLite (--transaction none)",
    upgradeArgs: ["--transaction", "none"],
    // SQLite has no sleep: count through a long recursive series inside a plain SELECT.
    sleep: (seconds) =>
        `SELECT count(*) AS n FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${seconds * 4000000}) SELECT x FROM c)`,
    slowWrite: (table, seconds) =>
        `CREATE TABLE ${table} AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${seconds * 4000000}) SELECT count(*) AS n FROM c`,
    indexExists: (name) => `SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = '${name}'`,
    hasServer: false,
    create: async () => {
        const file = createSqliteFile();
        const open = () => new Database(file.path, { fileMustExist: false, timeout: 10000 });
        return {
            host: "",
            port: 0,
            env: () => ({ ANALYTICS_DB: file.path }),
            query: async (sql) => {
                // A connection per query: holding one open would hold SQLite's locks against the CLI.
                const db = open();
                try {
                    const statement = db.prepare(sql);
                    return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
                } finally {
                    db.close();
                }
            },
            sessionRunning: async () => null,
            killSession: async () => {
                throw new Error("SQLite has no server session to kill");
            },
            drop: async () => file.cleanup(),
        };
    },
};
