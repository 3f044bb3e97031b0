/** One timed thing: `prepare` and `cleanup` run around each sample, outside the timing. */
export interface TimedCase<S> {
    readonly name: string;
    prepare?(): Promise<void>;
    run(): Promise<S>;
    cleanup?(): Promise<void>;
}

/**
 * Runs `rounds` rounds, each case once per round in turn (A B A B ...), so drift in the machine's
 * load spreads over every case instead of landing on whichever ran last.
 */
export async function interleave<S>(cases: readonly TimedCase<S>[], rounds: number, progress: (line: string) => void): Promise<Map<string, S[]>> {
    const samples = new Map<string, S[]>(cases.map((c) => [c.name, []]));
    for (let round = 1; round <= rounds; round++) {
        for (const c of cases) {
            await c.prepare?.();
            try {
                samples.get(c.name)?.push(await c.run());
            } finally {
                await c.cleanup?.();
            }
        }
        if (cases.length > 0) progress(`  round ${round}/${rounds}: ${cases.map((c) => c.name).join(", ")}`);
    }
    return samples;
}
