import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { Client } from "pg";

// Test databases: each test makes its own, with a unique name, and removes it afterwards.
// PostgreSQL is reached through the usual PGHOST / PGPORT / PGUSER / PGPASSWORD variables,
// defaulting to postgres@127.0.0.1:5432 with trust auth.

/** Connection settings in TypeORM's shape: spread them into a `DataSource`. */
export interface PostgresConnectionSettings {
    readonly type: "postgres";
    readonly host: string;
    readonly port: number;
    readonly username: string;
    readonly password?: string;
    readonly database: string;
}

export interface PostgresTestDatabase {
    /** The database name, `tm_test_<random>`. */
    readonly name: string;
    /** A `postgres://` URL, e.g. for `new pg.Client({ connectionString: db.url })`. */
    readonly url: string;
    /** For TypeORM: `new DataSource({ ...db.options, entities })`. */
    readonly options: PostgresConnectionSettings;
    /** Drops the database, disconnecting whoever is still connected. Safe to call twice. */
    readonly drop: () => Promise<void>;
}

/**
 * Creates an empty PostgreSQL database with a unique name.
 *
 * @example
 * let db: PostgresTestDatabase;
 * before(async () => { db = await createPostgresDatabase(); });
 * after(async () => { await db?.drop(); });
 */
export async function createPostgresDatabase(): Promise<PostgresTestDatabase> {
    const name = `tm_test_${randomBytes(6).toString("hex")}`;
    const options: PostgresConnectionSettings = { ...serverSettings(), database: name };
    await onMaintenanceDatabase(`CREATE DATABASE "${name}"`);
    return {
        name,
        options,
        url: postgresUrl(options),
        drop: () => onMaintenanceDatabase(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
}

export interface SqliteTestFile {
    /** Path of a database file that does not exist yet, inside a fresh temporary directory. */
    readonly path: string;
    /** Removes the directory and everything in it (the file, its -wal and -journal). */
    cleanup(): void;
}

/** A path for a new SQLite database file in its own temporary directory. */
export function createSqliteFile(): SqliteTestFile {
    const directory = mkdtempSync(join(tmpdir(), "tm-test-"));
    return {
        path: join(directory, "test.sqlite"),
        cleanup: () => rmSync(directory, { recursive: true, force: true }),
    };
}

/** MySQL / MariaDB connection settings in TypeORM's shape; `type` is chosen by the caller (`mysql` or `mariadb`). */
export interface MysqlConnectionSettings {
    readonly host: string;
    readonly port: number;
    readonly username: string;
    readonly password: string;
    readonly database: string;
}

export interface MysqlTestDatabase {
    /** The database name, `tm_test_<random>`. */
    readonly name: string;
    /** For TypeORM: `new DataSource({ type: "mariadb", ...db.options, entities })`. */
    readonly options: MysqlConnectionSettings;
    /** Drops the database. Safe to call twice. */
    readonly drop: () => Promise<void>;
}

/**
 * Creates an empty MySQL / MariaDB database with a unique name, on the server named by
 * MYSQL_HOST / MYSQL_PORT / MYSQL_USER / MYSQL_PASSWORD (default root@127.0.0.1:3306, no password).
 *
 * @example
 * let db: MysqlTestDatabase;
 * before(async () => { db = await createMysqlDatabase(); });
 * after(async () => { await db?.drop(); });
 */
export async function createMysqlDatabase(): Promise<MysqlTestDatabase> {
    const name = `tm_test_${randomBytes(6).toString("hex")}`;
    const options: MysqlConnectionSettings = { ...mysqlServerSettings(), database: name };
    await onMysqlServer(`CREATE DATABASE \`${name}\``);
    return { name, options, drop: () => onMysqlServer(`DROP DATABASE IF EXISTS \`${name}\``) };
}

function mysqlServerSettings(): Omit<MysqlConnectionSettings, "database"> {
    return {
        host: process.env.MYSQL_HOST ?? "127.0.0.1",
        port: Number(process.env.MYSQL_PORT ?? 3306),
        username: process.env.MYSQL_USER ?? "root",
        password: process.env.MYSQL_PASSWORD ?? "",
    };
}

async function onMysqlServer(sql: string): Promise<void> {
    const settings = mysqlServerSettings();
    const connection = await createConnection({ host: settings.host, port: settings.port, user: settings.username, password: settings.password });
    try {
        await connection.query(sql);
    } finally {
        await connection.end();
    }
}

function serverSettings(): Omit<PostgresConnectionSettings, "database"> {
    return {
        type: "postgres",
        host: process.env.PGHOST ?? "127.0.0.1",
        port: Number(process.env.PGPORT ?? 5432),
        username: process.env.PGUSER ?? "postgres",
        ...(process.env.PGPASSWORD === undefined ? {} : { password: process.env.PGPASSWORD }),
    };
}

function postgresUrl(settings: PostgresConnectionSettings): string {
    const password = settings.password === undefined ? "" : `:${encodeURIComponent(settings.password)}`;
    return `postgres://${encodeURIComponent(settings.username)}${password}` + `@${settings.host}:${settings.port}/${encodeURIComponent(settings.database)}`;
}

async function onMaintenanceDatabase(sql: string): Promise<void> {
    const client = new Client({ connectionString: postgresUrl({ ...serverSettings(), database: "postgres" }) });
    await client.connect();
    try {
        await client.query(sql);
    } finally {
        await client.end();
    }
}
