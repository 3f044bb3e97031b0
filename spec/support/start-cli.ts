import { spawn, type ChildProcess } from "node:child_process";
import { cliPath } from "./run-cli";

export interface FinishedCli {
    readonly status: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Starts the compiled CLI without waiting for it, so a test can act (kill it, cut its network) while it runs. */
export function startCli(
    args: readonly string[],
    options: { cwd: string; env: Record<string, string> },
): { child: ChildProcess; finished: Promise<FinishedCli>; output(): Promise<string> } {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
    });
    const finished = new Promise<FinishedCli>((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
    return { child, finished, output: async () => stdout };
}

/** Polls `condition` every 50 ms until it holds; fails after `timeoutMs`, saying what it waited for. */
export async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
