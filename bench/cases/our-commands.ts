import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Fixture } from "../fixture/write-fixture";
import type { TimedCase } from "../measure/interleave";
import { expectStatus, type ProcessRun } from "../measure/run-process";
import type { Sample } from "../measure/sample";
import { benchChild, ours, type Workspace } from "./tools";

export const generateCaseName = "typeorm-migrate generate";
export const checkCaseName = "typeorm-migrate check";
export const metadataFloorCaseName = "TypeORM's metadata build alone";
export const generateNoUnitsCaseName = "typeorm-migrate generate, no unit cache";

export interface OurCommands {
    /** Ops `check` finds for the unchanged entities right after the initial revision: each one would be spurious. */
    readonly unchangedOps: number;
    readonly generate: TimedCase<Sample>;
    /** `generate` as a first run (or the first after an upgrade) finds it: with no entity units kept (lib/store/unit-cache.ts). */
    readonly generateNoUnits: TimedCase<Sample>;
    readonly check: TimedCase<Sample>;
    /** `generate`'s process up to TypeORM's entity metadata, built and read by nothing (bench/cases/generate-stages.ts). */
    readonly metadataFloor: TimedCase<Sample>;
}

/**
 * The fixture's migrations folder with its initial revision (written once, untimed), and the
 * timed commands on it: `generate` with one changed column (its files removed after each run,
 * so every run starts from the same head) and `check` with none.
 */
export function ourCommands(ws: Workspace, fixture: Fixture): OurCommands | { readonly failure: string } {
    // A project's migrations sit below its node_modules, where the head's state is kept between
    // runs (node_modules/.cache/typeorm-migrate): the untimed check below leaves it for the runs.
    mkdirSync(join(fixture.dir, "node_modules"), { recursive: true });
    const root = join(fixture.dir, "migrations");
    const bindDir = join(root, "default");
    const dirArgs = ["--dir", root];
    const run = (args: readonly string[]) => ours(ws, args, {}, fixture.dir);
    const initial = run(["generate", "-d", fixture.dataSource("postgres"), "-m", "initial", ...dirArgs]);
    if (initial.status !== 0) return { failure: failureOf(initial) };
    const again = expectStatus(run(["check", "-d", fixture.dataSource("postgres"), ...dirArgs]), [0, 1], "check unchanged");
    const unchangedOps = Number(/(\d+) change\(s\)/.exec(again.stdout)?.[1] ?? 0);
    const before = new Set(readdirSync(bindDir));
    const added = () => readdirSync(bindDir).filter((f) => !before.has(f));
    const generate = async () => {
        const generated = expectStatus(run(["generate", "-d", fixture.dataSource("postgres", true), "-m", "x", ...dirArgs]), [0], "generate");
        const files = added();
        if (files.length === 0) throw new Error(`generate wrote nothing:\n${generated.stdout}`);
        return { ms: generated.ms, peakMb: generated.peakMb, bytes: files.reduce((sum, f) => sum + statSync(join(bindDir, f)).size, 0) };
    };
    const cleanup = async () => {
        for (const file of added()) rmSync(join(bindDir, file));
    };
    const cacheDir = join(fixture.dir, "node_modules", ".cache", "typeorm-migrate");
    return {
        unchangedOps,
        generate: { name: generateCaseName, run: generate, cleanup },
        generateNoUnits: {
            name: generateNoUnitsCaseName,
            run: async () => {
                // Untimed: only the process is. It keeps its units again; the other cases' runs find them.
                for (const file of readdirSync(cacheDir).filter((name) => name.startsWith("entities-"))) rmSync(join(cacheDir, file));
                return generate();
            },
            cleanup,
        },
        check: {
            name: checkCaseName,
            run: async () => {
                const checked = expectStatus(run(["check", "-d", fixture.dataSource("postgres"), ...dirArgs]), [0], "check");
                return { ms: checked.ms, peakMb: checked.peakMb };
            },
        },
        metadataFloor: {
            name: metadataFloorCaseName,
            run: async () => {
                const built = expectStatus(
                    benchChild(ws, "generate-stages", ["metadata", fixture.dataSource("postgres", true)], {}, fixture.dir),
                    [0],
                    "TypeORM's metadata build alone",
                );
                return { ms: built.ms, peakMb: built.peakMb };
            },
        },
    };
}

/** One line saying how the initial revision failed; the other cases of the size still run. */
function failureOf(run: ProcessRun): string {
    const after = `after ${Math.round(run.ms / 1000)} s`;
    if (/heap out of memory/.test(run.stderr)) return `the initial \`generate\` ran out of memory (Node's default heap limit) ${after}`;
    return `the initial \`generate\` exited ${run.status} ${after}: ${run.stderr.trim().split("\n")[0] ?? ""}`;
}
