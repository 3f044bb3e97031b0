import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** Our CLI as compiled beside this file (dist-<x>/cli/main.js), so a build into another outDir runs its own. */
export const oursCli = join(__dirname, "..", "..", "cli", "main.js");

export interface CliRun {
    /** Spawn to exit, the whole process. */
    readonly ms: number;
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

// The CLI while it runs, killed if the bench is interrupted.
const running = new Set<ChildProcess>();

export function killChildren(): void {
    for (const child of running) child.kill("SIGKILL");
}

/** Runs our CLI in `cwd` as a process of its own, without blocking this one (the sampler runs meanwhile). */
export function runCli(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [oursCli, ...args], {
            cwd,
            env: { ...process.env, ...env, FORCE_COLOR: "0", NO_COLOR: "1" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        running.add(child);
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (status) => {
            running.delete(child);
            resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status, stdout, stderr });
        });
    });
}

/** Fails loudly when the CLI did not do what it was run for. */
export function expectSuccess(run: CliRun, what: string): CliRun {
    if (run.status !== 0) throw new Error(`${what}: exit ${run.status}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`);
    return run;
}
