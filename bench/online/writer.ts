import { performance } from "node:perf_hooks";
import { createConnection, type Connection } from "mysql2/promise";
import { Client } from "pg";
import type { ServerKind } from "../fixture/data-source-source";
import { mysqlConfig, pgConfig } from "../measure/server-query";
import { parentRows } from "./fixture";
import type { WriterLog, WriterMessage } from "./writer-protocol";

// The application during the upgrade: a process of its own, forked with an IPC channel, on its own
// connection, inserting a new item and updating a random existing one in turn, each statement its
// own autocommit transaction. Every op's start (epoch ms, the clock the runner uses too) and
// latency is kept; an error is counted and the loop goes on. `node writer.js <kind> <db> <rows>`.

const pauseMs = 2;

interface Executor {
    run(sql: "insert" | "update", values: readonly (string | number)[]): Promise<void>;
    close(): Promise<void>;
}

const statements: Record<ServerKind, Record<"insert" | "update", string>> = {
    postgres: {
        insert: `INSERT INTO item ("parentId", code, qty, note) VALUES ($1, $2, $3, $4)`,
        update: "UPDATE item SET qty = $1, note = $2 WHERE id = $3",
    },
    mariadb: {
        insert: "INSERT INTO item (parentId, code, qty, note) VALUES (?, ?, ?, ?)",
        update: "UPDATE item SET qty = ?, note = ? WHERE id = ?",
    },
};

async function connect(kind: ServerKind, database: string): Promise<Executor> {
    if (kind === "postgres") {
        const client = new Client(pgConfig(database));
        client.on("error", () => undefined);
        await client.connect();
        return {
            run: async (sql, values) => void (await client.query(statements.postgres[sql], [...values])),
            close: () => client.end(),
        };
    }
    const connection: Connection = await createConnection(mysqlConfig(database));
    connection.on("error", () => undefined);
    return {
        run: async (sql, values) => void (await connection.execute(statements.mariadb[sql], [...values])),
        close: () => connection.end(),
    };
}

const now = () => performance.timeOrigin + performance.now();
const random = (n: number) => 1 + Math.floor(Math.random() * n);

async function main(): Promise<void> {
    const [kind, database, rowsArg] = process.argv.slice(2) as [ServerKind, string, string];
    const rows = Number(rowsArg);
    const log: WriterLog = { startedAt: [], ms: [], errors: [] };
    let stopping = false;
    process.on("message", (message: WriterMessage) => {
        if (message.type === "stop") stopping = true;
    });
    let executor = await connect(kind, database);
    process.send?.({ type: "ready" } satisfies WriterMessage);
    for (let i = 0; !stopping; i++) {
        const op = i % 2 === 0 ? "insert" : "update";
        const values =
            op === "insert" ? [random(parentRows), `w${process.pid}-${i}`, random(1000), `written ${i}`] : [random(1000), `updated ${i}`, random(rows)];
        const startedAt = now();
        try {
            await executor.run(op, values);
            log.startedAt.push(startedAt);
            log.ms.push(now() - startedAt);
        } catch (error) {
            log.errors.push({ at: startedAt, ms: now() - startedAt, message: (error as Error).message });
            await executor.close().catch(() => undefined);
            executor = await connect(kind, database);
        }
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    await executor.close().catch(() => undefined);
    process.send?.({ type: "done", log } satisfies WriterMessage, () => process.exit(0));
}

void main().catch((error: unknown) => {
    process.stderr.write(`writer failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
