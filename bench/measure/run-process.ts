import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface ProcessRun {
    readonly ms: number;
    /** Peak RSS in MB, as the process itself saw it at exit. */
    readonly peakMb: number;
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export interface ProcessSpec {
    /** A JavaScript file run with this Node, then its arguments. */
    readonly script: string;
    readonly args: readonly string[];
    readonly cwd: string;
    readonly env?: Readonly<Record<string, string>>;
}

const reportRss = join(__dirname, "report-rss.js");

/** Runs a whole Node process as a user would and times it from spawn to exit. */
export function runProcess(spec: ProcessSpec, scratch: string): ProcessRun {
    const rssFile = join(scratch, `rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["-r", reportRss, spec.script, ...spec.args], {
        cwd: spec.cwd,
        env: { ...process.env, ...spec.env, BENCH_RSS_FILE: rssFile, FORCE_COLOR: "0", NO_COLOR: "1" },
        encoding: "utf8",
        maxBuffer: 1 << 30,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const peakMb = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) / 1024 : Number.NaN;
    rmSync(rssFile, { force: true });
    if (result.error) throw result.error;
    return { ms, peakMb, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Fails loudly when a timed process did not do what it was timed for. */
export function expectStatus(run: ProcessRun, allowed: readonly number[], what: string): ProcessRun {
    if (run.status === null || !allowed.includes(run.status)) {
        throw new Error(`${what}: exit ${run.status}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`);
    }
    return run;
}
