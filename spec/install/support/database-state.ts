import { createConnection } from "mysql2/promise";
import { Client } from "pg";
import type { MysqlTestDatabase, PostgresTestDatabase } from "../../support/databases";

// What the install scenarios read back from the real database after each step.

/** Runs one query on a PostgreSQL test database and returns its rows. */
export async function pgRows<T = Record<string, unknown>>(db: PostgresTestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
        return (await client.query(sql, params)).rows as T[];
    } finally {
        await client.end();
    }
}

/** Column name → information_schema data_type of a table in `public`; empty when the table does not exist. */
export async function pgColumns(db: PostgresTestDatabase, table: string): Promise<Record<string, string>> {
    const rows = await pgRows<{ column_name: string; data_type: string }>(
        db,
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        [table],
    );
    return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
}

/** The tables in `public`, sorted. */
export async function pgTables(db: PostgresTestDatabase): Promise<string[]> {
    const rows = await pgRows<{ table_name: string }>(
        db,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    return rows.map((row) => row.table_name);
}

/** Runs one query on a MariaDB / MySQL test database and returns its rows. */
export async function mysqlRows<T = Record<string, unknown>>(db: MysqlTestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
    const { host, port, username, password, database } = db.options;
    const connection = await createConnection({ host, port, user: username, password, database });
    try {
        const [rows] = await connection.query(sql, params);
        return rows as T[];
    } finally {
        await connection.end();
    }
}

/** Column name → information_schema DATA_TYPE of a table; empty when the table does not exist. */
export async function mysqlColumns(db: MysqlTestDatabase, table: string): Promise<Record<string, string>> {
    const rows = await mysqlRows<{ name: string; type: string }>(
        db,
        "SELECT COLUMN_NAME AS name, DATA_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
        [db.name, table],
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.type]));
}
