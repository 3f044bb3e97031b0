import { spawn } from "node:child_process";
import { shellQuote } from "../../cli/shell-quote";
import { cliPath } from "./run-cli";

export interface TerminalRun {
    readonly status: number | null;
    readonly output: string;
    /** How many prompts were answered. */
    readonly answered: number;
}

/**
 * Runs the compiled CLI on a terminal (`script` gives it one), answering each `prompt` as it
 * shows with the next of `answers` (Enter alone once they run out).
 */
export async function runCliInTerminal(
    args: readonly string[],
    options: { cwd: string; env: Record<string, string>; prompt: string; answers?: readonly string[] },
): Promise<TerminalRun> {
    const command = [process.execPath, cliPath, ...args].map(shellQuote).join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let output = "";
    let answered = 0;
    child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const prompts = output.split(options.prompt).length - 1;
        for (; answered < prompts; answered++) child.stdin.write(`${options.answers?.[answered] ?? ""}\r`);
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { status, output, answered };
}
