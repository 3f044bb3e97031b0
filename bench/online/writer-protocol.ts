/** What the writer recorded: successful ops (start in epoch ms, latency in ms) and failed ones. */
export interface WriterLog {
    readonly startedAt: number[];
    readonly ms: number[];
    readonly errors: { readonly at: number; readonly ms: number; readonly message: string }[];
}

export type WriterMessage = { readonly type: "ready" } | { readonly type: "stop" } | { readonly type: "done"; readonly log: WriterLog };

/** The writer's ops that started while the upgrade ran (from spawn to exit, epoch ms). */
export interface WindowStats {
    readonly ops: number;
    readonly errors: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    /** The longest op, failed ones included: the application's longest stall. */
    readonly maxMs: number;
    /** When the longest op started, in ms after the window opened (the upgrade's spawn). */
    readonly maxAtMs: number;
    /** The first error's message, if any. */
    readonly firstError?: string;
}

function percentile(sorted: readonly number[], p: number): number {
    if (sorted.length === 0) return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function windowStats(log: WriterLog, from: number, to: number): WindowStats {
    const inWindow = (at: number) => at >= from && at <= to;
    const ops = [...log.ms.map((ms, i) => ({ at: log.startedAt[i], ms })), ...log.errors].filter((op) => inWindow(op.at));
    const latencies = log.ms.filter((_, i) => inWindow(log.startedAt[i])).sort((a, b) => a - b);
    const errors = log.errors.filter((e) => inWindow(e.at));
    const longest = ops.reduce<{ at: number; ms: number } | undefined>((worst, op) => (worst === undefined || op.ms > worst.ms ? op : worst), undefined);
    return {
        ops: latencies.length,
        errors: errors.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: longest?.ms ?? Number.NaN,
        maxAtMs: longest === undefined ? Number.NaN : longest.at - from,
        firstError: errors[0]?.message,
    };
}
