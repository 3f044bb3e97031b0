import type { ServerName } from "./report/results";

export interface BenchOptions {
    readonly sizes: number[];
    readonly runs: number;
    readonly quick: boolean;
    /** Also write the report here (Markdown). */
    readonly out?: string;
    readonly keep: boolean;
}

const usage = `usage: npm run bench -- [--quick] [--runs N] [--sizes 100,1000,10000] [--out file.md] [--keep]
  --quick   3 runs; at 10,000 tables one run of our commands and no TypeORM or database cases
  --keep    leave the scratch folder (fixtures, migrations) for inspection`;

export function parseOptions(argv: readonly string[]): BenchOptions {
    let sizes = [100, 1000, 10000];
    let runs: number | undefined;
    let quick = false;
    let out: string | undefined;
    let keep = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--quick") quick = true;
        else if (arg === "--keep") keep = true;
        else if (arg === "--runs") runs = Number(argv[++i]);
        else if (arg === "--sizes") sizes = String(argv[++i]).split(",").map(Number);
        else if (arg === "--out") out = argv[++i];
        else throw new Error(`unknown argument ${arg}\n${usage}`);
    }
    if (sizes.some((n) => !Number.isInteger(n) || n < 2) || (runs !== undefined && !(runs >= 1))) throw new Error(usage);
    return { sizes, runs: runs ?? (quick ? 3 : 5), quick, out, keep };
}

/** What runs at one size: the 10,000-table TypeORM cases take many minutes each, so --quick skips them. */
export function planFor(options: BenchOptions, tables: number): { runs: number; readerRuns: number; servers: ServerName[] } {
    const huge = tables >= 10000;
    if (huge && options.quick) return { runs: 1, readerRuns: 1, servers: [] };
    return { runs: huge ? Math.min(options.runs, 3) : options.runs, readerRuns: huge ? 1 : options.runs, servers: ["postgres", "mariadb"] };
}
