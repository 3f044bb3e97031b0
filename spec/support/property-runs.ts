import type fc from "fast-check";

/**
 * fast-check run parameters: `numRuns` cases from a fixed seed by default, so CI runs the same
 * cases every time; `FC_SEED=random` draws new ones, `FC_SEED=<seed> FC_PATH=<path>` (as
 * fast-check prints them) replays one counterexample, `FC_RUNS=<n>` runs more (or fewer).
 */
const fixedSeed = 20261124;

export function propertyRuns<T>(numRuns: number): fc.Parameters<T> {
    const seed = process.env.FC_SEED === "random" ? undefined : (process.env.FC_SEED ?? String(fixedSeed));
    const path = process.env.FC_PATH;
    const runs = process.env.FC_RUNS;
    return {
        numRuns: runs === undefined ? numRuns : Number(runs),
        ...(seed === undefined ? {} : { seed: Number(seed) }),
        ...(path === undefined ? {} : { path }),
    };
}
