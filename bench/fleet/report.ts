import type { Machine } from "../report/results";
import { median } from "../measure/stats";
import type { FleetSample } from "./measure-case";
import type { CaseName } from "./options";

export interface CaseResults {
    readonly name: CaseName;
    readonly samples: readonly FleetSample[];
}

export interface FleetResults {
    readonly machine: Machine;
    readonly date: string;
    readonly command: string;
    readonly targets: number;
    readonly runs: number;
    readonly parallel: readonly number[];
    readonly cases: readonly CaseResults[];
}

const caseLabels: Record<CaseName, string> = {
    "postgres-schemas": "PostgreSQL, schemas of one database (`{ schemas }`)",
    "postgres-databases": "PostgreSQL, databases (`{ env }` URLs)",
    "mariadb-databases": "MariaDB, databases (`{ env }` URLs)",
};

const seconds = (ms: number) => (Number.isNaN(ms) ? "–" : `${(ms / 1000).toFixed(1)} s`);
const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

/** The worst connection peak of a case's runs at one `--parallel`, against the limit N + 1. */
export function connectionVerdict(samples: readonly FleetSample[], parallel: number): { peak: number; met: boolean } {
    const peak = Math.max(...samples.map((s) => s.connections.peak));
    return { peak, met: peak <= parallel + 1 };
}

function parallelRow(results: CaseResults, parallel: number, base: number): string {
    const samples = results.samples.filter((s) => s.parallel === parallel);
    const wall = median(samples.map((s) => s.ms));
    const { peak, met } = connectionVerdict(samples, parallel);
    const failed = samples.reduce((sum, s) => sum + s.failed, 0);
    const stray = samples.reduce((sum, s) => sum + s.strayTables, 0);
    const firstFailure = samples.find((s) => s.failures.length > 0)?.failures[0];
    const walls = samples.map((s) => s.ms);
    return row([
        caseLabels[results.name],
        String(parallel),
        `**${seconds(wall)}**`,
        `${seconds(Math.min(...walls))} – ${seconds(Math.max(...walls))}`,
        `${(base / wall).toFixed(1)}×`,
        `${Math.round(median(samples.map((s) => s.targetMedianMs)))} ms`,
        `${peak} (limit ${parallel + 1}): ${met ? "met" : "**not met**"}`,
        failed === 0 && stray === 0
            ? "all"
            : `**${failed} target run(s) failed${stray > 0 ? `, ${stray} table(s) in the bind's own database` : ""}**${firstFailure ? `: ${firstFailure.slice(0, 120).replace(/\|/g, "/")}` : ""}`,
    ]);
}

/** The markdown BENCHMARKS.md shows: one row per case and `--parallel`. */
export function renderFleetReport(results: FleetResults): string {
    const m = results.machine;
    const header = [
        "case",
        "--parallel",
        "wall (median)",
        "min – max",
        `speed-up on --parallel ${results.parallel[0]}`,
        "per target (median)",
        "peak connections",
        "upgraded",
    ];
    const rows = results.cases.flatMap((c) => {
        const base = median(c.samples.filter((s) => s.parallel === results.parallel[0]).map((s) => s.ms));
        return results.parallel.map((p) => parallelRow(c, p, base));
    });
    const intervals = results.cases.flatMap((c) => c.samples.map((s) => s.connections.meanIntervalMs));
    const overLimit = results.cases.flatMap((c) => c.samples.filter((s) => s.connections.peak > s.parallel + 1).map((s) => ({ name: c.name, sample: s })));
    return [
        `Machine: ${m.cpus}, nproc ${m.nproc}, ${m.memoryGb} GB RAM; Node ${m.node}; TypeORM ${m.typeorm}; ${m.servers.join(", ")}.`,
        `${results.date}; \`${results.command}\`. ${results.targets} targets per case; \`upgrade --json\` of two migrations (v1: 3 tables, v2: a column, an index and a table) from \`<base>\`, ` +
            `${results.runs} run${results.runs === 1 ? "" : "s"} per \`--parallel\` on fresh targets, interleaved; wall time of the whole process (medians). ` +
            `Connections: the server's connections to the run's databases, counted every 20 ms from a connection of the sampler's own (measured interval ${Math.round(median(intervals))} ms median), the highest of all runs.`,
        "",
        row(header),
        row(header.map(() => "---")),
        ...rows,
        "",
        ...(overLimit.length === 0
            ? []
            : [
                  "Connections at the peaks over the limit:",
                  "",
                  ...overLimit.flatMap(({ name, sample }) => [
                      `- ${name}, --parallel ${sample.parallel}, run ${sample.run}: ${sample.connections.peak}`,
                      ...sample.connections.atPeak.map((line) => `    - \`${line.replace(/`/g, "'")}\``),
                  ]),
                  "",
              ]),
    ].join("\n");
}
