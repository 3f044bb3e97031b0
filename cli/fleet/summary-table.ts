/** One line of a fleet's summary: where a target was, where it is, how it went. */
export interface SummaryRow {
    readonly target: string;
    readonly from: string;
    readonly to: string;
    readonly status: string;
    /** Milliseconds the target took; null when it was not started. */
    readonly ms: number | null;
}

const heading = ["target", "from", "to", "status", "time"];

/** The rows as an aligned text table, a heading line first. */
export function summaryTable(rows: readonly SummaryRow[]): string[] {
    const all = [heading, ...rows.map((row) => [row.target, row.from, row.to, row.status, row.ms === null ? "-" : `${row.ms} ms`])];
    const widths = heading.map((_, column) => Math.max(...all.map((line) => line[column].length)));
    return all.map((line) =>
        line
            .map((cell, column) => cell.padEnd(widths[column]))
            .join("  ")
            .trimEnd(),
    );
}
