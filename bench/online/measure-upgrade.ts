import { fork } from "node:child_process";
import type { ServerKind } from "../fixture/data-source-source";
import { checkSchema, type SchemaCheck } from "./databases";
import { epochMs, expectSuccess, runNode, trackChild, writerScript, type NodeCommand } from "./processes";
import { windowStats, type WindowStats, type WriterLog, type WriterMessage } from "./writer-protocol";

export interface UpgradeSample {
    readonly upgradeMs: number;
    /** The writer during the upgrade, from spawn to exit. */
    readonly during: WindowStats;
    /** The writer in the second before the upgrade started: the baseline. */
    readonly before: WindowStats;
    readonly schema: SchemaCheck;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long the writer runs alone before the upgrade (the baseline) and on after it exits. */
const baselineMs = 1000;
const afterMs = 300;

/**
 * Starts the writer on `database`, lets it run alone for a second, runs `upgrade` as its own
 * process, stops the writer a moment after the upgrade exits, and checks what the upgrade left.
 */
export async function measureUpgrade(kind: ServerKind, database: string, rows: number, upgrade: NodeCommand, what: string): Promise<UpgradeSample> {
    const writer = fork(writerScript, [kind, database, String(rows)], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    trackChild(writer);
    // Killed by an interrupted bench: the wait for its message fails, and the runner cleans up.
    writer.on("error", () => undefined);
    const messages: WriterMessage[] = [];
    const waiters: (() => void)[] = [];
    writer.on("message", (message: WriterMessage) => {
        messages.push(message);
        waiters.splice(0).forEach((wake) => wake());
    });
    const exited = new Promise<number | null>((resolve) => writer.on("exit", (code) => resolve(code)));
    const next = async (type: WriterMessage["type"]): Promise<WriterMessage> => {
        for (;;) {
            const found = messages.find((m) => m.type === type);
            if (found) return found;
            const code = await Promise.race([new Promise<"message">((wake) => waiters.push(() => wake("message"))), exited]);
            if (code !== "message" && !messages.some((m) => m.type === type)) throw new Error(`writer exited (${code}) before "${type}"`);
        }
    };
    try {
        await next("ready");
        const baselineFrom = epochMs();
        await sleep(baselineMs);
        const run = expectSuccess(await runNode(upgrade), what);
        await sleep(afterMs);
        if (writer.connected) writer.send({ type: "stop" } satisfies WriterMessage);
        const done = (await next("done")) as { type: "done"; log: WriterLog };
        return {
            upgradeMs: run.endedAt - run.startedAt,
            during: windowStats(done.log, run.startedAt, run.endedAt),
            before: windowStats(done.log, baselineFrom, run.startedAt),
            schema: await checkSchema(kind, database),
        };
    } finally {
        if (writer.exitCode === null) writer.kill("SIGKILL");
    }
}
