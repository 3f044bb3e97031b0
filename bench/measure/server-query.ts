import { createConnection } from "mysql2/promise";
import { Client } from "pg";
import type { ServerKind } from "../fixture/data-source-source";

// How the benches reach the servers: the same PG* / MYSQL_* variables as `npm test`.

export function pgConfig(database: string) {
    return {
        host: process.env.PGHOST ?? "127.0.0.1",
        port: Number(process.env.PGPORT ?? 5432),
        user: process.env.PGUSER ?? "postgres",
        password: process.env.PGPASSWORD,
        database,
    };
}

export function mysqlConfig(database?: string) {
    return {
        host: process.env.MYSQL_HOST ?? "127.0.0.1",
        port: Number(process.env.MYSQL_PORT ?? 3306),
        user: process.env.MYSQL_USER ?? "root",
        password: process.env.MYSQL_PASSWORD ?? "",
        database,
    };
}

/** Runs `statements` one after the other on one connection (to `database`, else the server's default) and returns the last one's rows. */
export async function query(kind: ServerKind, database: string | undefined, ...statements: string[]): Promise<Record<string, unknown>[]> {
    let rows: Record<string, unknown>[] = [];
    if (kind === "postgres") {
        const client = new Client(pgConfig(database ?? "postgres"));
        await client.connect();
        try {
            for (const sql of statements) rows = (await client.query<Record<string, unknown>>(sql)).rows;
        } finally {
            await client.end();
        }
        return rows;
    }
    const connection = await createConnection(mysqlConfig(database));
    try {
        for (const sql of statements) {
            const [result] = await connection.query(sql);
            rows = Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
        }
    } finally {
        await connection.end();
    }
    return rows;
}
