import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

/** The repository root, from dist/spec/support. */
export const repoRoot = resolve(__dirname, "..", "..", "..");
/** The compiled tree these tests run from (dist/, or another outDir a developer builds into). */
export const distRoot = resolve(__dirname, "..", "..");
export const cliPath = join(distRoot, "cli", "main.js");

export interface CliRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs the compiled CLI as a user would, in `cwd`, with extra environment. */
export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string>; nodeArgs?: string[] }): CliRun {
    const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), cliPath, ...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The compiled data-source file of a blog fixture version (exports a better-sqlite3 DataSource on $BLOG_DB). */
export function blogDataSourceFile(version: "v1" | "v2" | "v3"): string {
    return join(distRoot, "fixtures", "blog", version, "data-source.js");
}

/** The compiled two-bind config of a blog version: bind `default` (blog) and `analytics`. */
export function blogConfigFile(version: "v1" | "v2" | "v3"): string {
    return join(distRoot, "fixtures", "blog", version, "typeorm-migrate.config.js");
}
