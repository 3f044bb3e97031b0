import type fc from "fast-check";

/**
 * fast-check run parameters: `numRuns` by default, or a failure replayed from the environment.
 * `FC_SEED=<seed> FC_PATH=<path>` (as fast-check prints them) replays one counterexample;
 * `FC_RUNS=<n>` runs more (or fewer) cases.
 */
export function propertyRuns<T>(numRuns: number): fc.Parameters<T> {
    const seed = process.env.FC_SEED;
    const path = process.env.FC_PATH;
    const runs = process.env.FC_RUNS;
    return {
        numRuns: runs === undefined ? numRuns : Number(runs),
        ...(seed === undefined ? {} : { seed: Number(seed) }),
        ...(path === undefined ? {} : { path }),
    };
}
