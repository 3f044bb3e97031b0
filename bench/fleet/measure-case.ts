import { median } from "../measure/stats";
import { expectSuccess, runCli } from "./cli-process";
import type { FleetFixture } from "./fixture";
import { makeFleet } from "./fleets";
import type { FleetCase } from "./options";
import { startSampler, type ConnectionPeak } from "./sampler";

/** One timed `upgrade --parallel N` over a case's fresh targets. */
export interface FleetSample {
    readonly parallel: number;
    readonly run: number;
    /** Wall time of the whole process, spawn to exit. */
    readonly ms: number;
    readonly connections: ConnectionPeak;
    /** Targets the run's `--json` reports at the head revision from `<base>`. */
    readonly upgraded: number;
    /** The first few targets that did not get there, with the error `--json` gives. */
    readonly failures: readonly string[];
    readonly failed: number;
    /** The median of the targets' own times, as the summary shows them. */
    readonly targetMedianMs: number;
    /** Tables the run left in the bind's own database (a databases case: should be none). */
    readonly strayTables: number;
}

interface JsonTarget {
    readonly target: string;
    readonly from: string;
    readonly to: string;
    readonly status: string;
    readonly ms: number | null;
    readonly error?: string;
}

export interface CasePlan {
    readonly fixture: FleetFixture;
    readonly targets: number;
    readonly runs: number;
    readonly parallel: readonly number[];
    readonly progress: (line: string) => void;
}

/**
 * Generates the case's two migrations (v1, then v2; untimed, offline), then per run and `--parallel`
 * value (interleaved, so the machine's drift spreads over both) makes fresh targets, starts the
 * connection sampler and times `upgrade --json`.
 */
export async function measureCase(fleetCase: FleetCase, plan: CasePlan): Promise<FleetSample[]> {
    const cwd = plan.fixture.caseDir(fleetCase.kind, fleetCase.shape);
    let head = "";
    for (const version of ["v1", "v2"] as const) {
        const generated = expectSuccess(await runCli(["generate", "-m", version], cwd, { FLEET_ENTITIES: version }), `generate ${version}`);
        head = /revision ([0-9a-f]+)/.exec(generated.stdout + generated.stderr)?.[1] ?? "";
    }
    if (head === "") throw new Error("generate did not name the revision it wrote");
    const fleet = await makeFleet(fleetCase, plan.targets);
    const samples: FleetSample[] = [];
    try {
        for (let run = 1; run <= plan.runs; run++) {
            for (const parallel of plan.parallel) {
                await fleet.reset();
                const sampler = await startSampler(fleetCase.kind, fleet.databases);
                const cli = await runCli(["upgrade", "--parallel", String(parallel), "--json"], cwd, fleet.env).catch(async (error: unknown) => {
                    await sampler.stop();
                    throw error;
                });
                const connections = await sampler.stop();
                const targets = parseTargets(cli.stdout, `upgrade --parallel ${parallel}: exit ${cli.status}\n${cli.stderr.slice(-3000)}`);
                const done = targets.filter((t) => t.from === "<base>" && t.to === head && t.error === undefined);
                const notDone = targets.filter((t) => !done.includes(t));
                const sample: FleetSample = {
                    parallel,
                    run,
                    ms: cli.ms,
                    connections,
                    upgraded: done.length,
                    failed: plan.targets - done.length,
                    failures: notDone.slice(0, 3).map((t) => `${t.target}: ${t.error ?? t.status}`),
                    targetMedianMs: median(targets.flatMap((t) => (t.ms === null ? [] : [t.ms]))),
                    strayTables: fleetCase.shape === "databases" ? await fleet.strayTables() : 0,
                };
                samples.push(sample);
                plan.progress(
                    `  run ${run}, --parallel ${parallel}: ${Math.round(sample.ms)} ms, ${sample.upgraded}/${plan.targets} upgraded, peak ${connections.peak} connection(s) ` +
                        `(${connections.samples} samples, every ${connections.meanIntervalMs.toFixed(0)} ms)${sample.failed > 0 ? `; ${sample.failures[0]}` : ""}`,
                );
            }
        }
    } finally {
        await fleet.dispose();
    }
    return samples;
}

function parseTargets(stdout: string, context: string): JsonTarget[] {
    try {
        const document = JSON.parse(stdout) as { binds: { targets?: JsonTarget[] }[] };
        return document.binds.flatMap((b) => b.targets ?? []);
    } catch {
        throw new Error(`no --json document: ${context}\n${stdout.slice(-2000)}`);
    }
}
