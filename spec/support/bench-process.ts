import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { query } from "../../bench/measure/server-query";
import { distRoot } from "./run-cli";

/** A bench's compiled entry (`bench/<name>/run.js`) run as `npm run bench:<name>` runs it; `onSpawn` gets the process (to interrupt one a test timed out on). */
export function runBench(
    name: string,
    args: readonly string[],
    onSpawn?: (child: ChildProcess | undefined) => void,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(distRoot, "bench", name, "run.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
        onSpawn?.(child);
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (status) => {
            onSpawn?.(undefined);
            resolve({ status, stdout, stderr });
        });
    });
}

/** The PostgreSQL databases whose names start with `prefix` (what a bench made and must drop). */
export async function postgresDatabasesNamed(prefix: string): Promise<string[]> {
    const rows = await query("postgres", undefined, `SELECT datname FROM pg_database WHERE datname LIKE '${prefix.replaceAll("_", "\\_")}%' ORDER BY 1`);
    return rows.map((row) => String(row.datname));
}
