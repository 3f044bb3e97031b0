/** How one item of a pool ended. */
export type PoolOutcome<T, R> =
    | { readonly item: T; readonly status: "done"; readonly value: R; readonly ms: number }
    | { readonly item: T; readonly status: "failed"; readonly error: unknown; readonly ms: number }
    /** Not started: `failFast` after a failure, or the signal was aborted. */
    | { readonly item: T; readonly status: "skipped" };

export interface PoolOptions<T, R> {
    /** At most this many items at once (at least 1). */
    readonly parallel: number;
    /** After the first failure, start nothing more (those under way finish). */
    readonly failFast?: boolean;
    /** Once aborted, start nothing more. */
    readonly signal?: AbortSignal;
    /** Called as each item ends, in the order they end. */
    readonly onSettled?: (outcome: PoolOutcome<T, R>) => void;
}

/** Runs `work` over `items`, `parallel` at a time; one failure does not stop the others unless `failFast`. Outcomes in the items' order. */
export async function runPool<T, R>(items: readonly T[], options: PoolOptions<T, R>, work: (item: T) => Promise<R>): Promise<PoolOutcome<T, R>[]> {
    const outcomes: PoolOutcome<T, R>[] = new Array<PoolOutcome<T, R>>(items.length);
    let next = 0;
    let failed = false;
    const settle = (index: number, outcome: PoolOutcome<T, R>) => {
        outcomes[index] = outcome;
        options.onSettled?.(outcome);
    };
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            const item = items[index];
            if ((options.failFast === true && failed) || options.signal?.aborted === true) {
                settle(index, { item, status: "skipped" });
                continue;
            }
            const started = Date.now();
            try {
                const value = await work(item);
                settle(index, { item, status: "done", value, ms: Date.now() - started });
            } catch (error) {
                failed = true;
                settle(index, { item, status: "failed", error, ms: Date.now() - started });
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, items.length)) }, worker));
    return outcomes;
}
