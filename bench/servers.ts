import { randomBytes } from "node:crypto";
import { createConnection } from "mysql2/promise";
import { Client } from "pg";
import type { ServerKind } from "./fixture/data-source-source";

// Every database the bench makes has a unique name and is dropped by `dropAll`, which the
// runner calls on every exit path.
const created = new Map<string, ServerKind>();

export async function createDatabase(kind: ServerKind): Promise<string> {
    const name = `tm_bench_${randomBytes(5).toString("hex")}`;
    created.set(name, kind);
    await onServer(kind, kind === "postgres" ? `CREATE DATABASE "${name}"` : `CREATE DATABASE \`${name}\``);
    return name;
}

export async function dropDatabase(name: string): Promise<void> {
    const kind = created.get(name);
    if (kind === undefined) return;
    await onServer(kind, kind === "postgres" ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``);
    created.delete(name);
}

export async function dropAll(): Promise<void> {
    for (const name of [...created.keys()]) await dropDatabase(name).catch(() => undefined);
}

/** "PostgreSQL 15.20", "MariaDB 10.11.19": for the report. */
export async function serverVersion(kind: ServerKind): Promise<string> {
    if (kind === "postgres") {
        const rows = await onServer(kind, "SHOW server_version");
        return `PostgreSQL ${String((rows[0] as { server_version: string }).server_version).split(" ")[0]}`;
    }
    const rows = await onServer(kind, "SELECT VERSION() AS v");
    return `MariaDB ${String((rows[0] as { v: string }).v).split("-")[0]}`;
}

/** Rows TypeORM's `migrations` table holds in a PostgreSQL database: what a run really applied. */
export async function appliedMigrations(database: string): Promise<number> {
    const rows = await onServer("postgres", "SELECT count(*)::int AS n FROM migrations", database);
    return (rows[0] as { n: number }).n;
}

async function onServer(kind: ServerKind, sql: string, database = "postgres"): Promise<unknown[]> {
    if (kind === "postgres") {
        const client = new Client({
            host: process.env.PGHOST ?? "127.0.0.1",
            port: Number(process.env.PGPORT ?? 5432),
            user: process.env.PGUSER ?? "postgres",
            password: process.env.PGPASSWORD,
            database,
        });
        await client.connect();
        try {
            return (await client.query<Record<string, unknown>>(sql)).rows;
        } finally {
            await client.end();
        }
    }
    const connection = await createConnection({
        host: process.env.MYSQL_HOST ?? "127.0.0.1",
        port: Number(process.env.MYSQL_PORT ?? 3306),
        user: process.env.MYSQL_USER ?? "root",
        password: process.env.MYSQL_PASSWORD ?? "",
    });
    try {
        const [rows] = await connection.query(sql);
        return Array.isArray(rows) ? rows : [];
    } finally {
        await connection.end();
    }
}
