import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/** Our CLI as compiled beside this file (dist-<x>/cli/main.js), so a build into another outDir runs its own. */
export const oursCli = join(__dirname, "..", "..", "cli", "main.js");
export const writerScript = join(__dirname, "writer.js");

export interface ExitedProcess {
    /** Spawn and exit, in epoch ms (`performance.timeOrigin + performance.now()`, the writer's clock). */
    readonly startedAt: number;
    readonly endedAt: number;
    readonly status: number | null;
    readonly output: string;
}

export interface NodeCommand {
    readonly script: string;
    readonly args: readonly string[];
    readonly cwd: string;
    readonly env?: Readonly<Record<string, string>>;
}

export const epochMs = () => performance.timeOrigin + performance.now();

// Children of the bench still running, killed if the bench is interrupted.
const running = new Set<ReturnType<typeof spawn>>();

export function killChildren(): void {
    for (const child of running) child.kill("SIGKILL");
}

/** Runs a Node script as a process of its own, without blocking this one (the writer runs meanwhile). */
export function runNode(command: NodeCommand): Promise<ExitedProcess> {
    return new Promise((resolve, reject) => {
        const startedAt = epochMs();
        const child = spawn(process.execPath, [command.script, ...command.args], {
            cwd: command.cwd,
            env: { ...process.env, ...command.env, FORCE_COLOR: "0", NO_COLOR: "1" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        running.add(child);
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("error", reject);
        child.on("close", (status) => {
            running.delete(child);
            resolve({ startedAt, endedAt: epochMs(), status, output });
        });
    });
}

/** Fails loudly when a process did not do what it was run for. */
export function expectSuccess(run: ExitedProcess, what: string): ExitedProcess {
    if (run.status !== 0) throw new Error(`${what}: exit ${run.status}\n${run.output.slice(-4000)}`);
    return run;
}

export function trackChild(child: ReturnType<typeof spawn>): void {
    running.add(child);
    child.on("exit", () => running.delete(child));
}
