import { join, resolve } from "node:path";
import { runProcess, type ProcessRun } from "../measure/run-process";

/** The build this bench runs from (dist/, or another outDir), from its bench/cases. */
const buildRoot = resolve(__dirname, "..", "..");
/** The repository root, above the build. */
export const repoRoot = resolve(buildRoot, "..");
export const oursCli = join(buildRoot, "cli", "main.js");
export const typeormCli = join(repoRoot, "node_modules", "typeorm", "cli.js");
export const benchScript = (name: string) => join(buildRoot, "bench", "cases", `${name}.js`);

export interface Workspace {
    /** Scratch folder of this bench run; removed at the end. */
    readonly scratch: string;
}

/**
 * Our CLI run in `cwd` (the scratch folder unless given). A user runs it from the project's root, below
 * its `node_modules`, where the CLI keeps its code cache: the size cases run it from the fixture's folder.
 */
export function ours(ws: Workspace, args: readonly string[], env: Record<string, string> = {}, cwd: string = ws.scratch): ProcessRun {
    return runProcess({ script: oursCli, args, cwd, env }, ws.scratch);
}

export function typeorm(ws: Workspace, args: readonly string[], env: Record<string, string> = {}): ProcessRun {
    return runProcess({ script: typeormCli, args, cwd: ws.scratch, env }, ws.scratch);
}

export function benchChild(ws: Workspace, name: string, args: readonly string[], env: Record<string, string> = {}, cwd: string = ws.scratch): ProcessRun {
    return runProcess({ script: benchScript(name), args, cwd, env }, ws.scratch);
}

/** The `up` statements in a migration TypeORM printed with `--dryrun`. */
export function typeormUpStatements(output: string): number {
    const up = output.split(/public async down/)[0] ?? "";
    return (up.match(/await queryRunner\.query\(/g) ?? []).length;
}
