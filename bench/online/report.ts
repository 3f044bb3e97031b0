import type { ServerKind } from "../fixture/data-source-source";
import type { Machine } from "../report/results";
import { median } from "../measure/stats";
import { schemaPassed, type SchemaCheck } from "./databases";
import type { UpgradeSample } from "./measure-upgrade";
import { statementLockRetries, statementLockTimeoutMs, variantLabels, variantNames, type VariantName } from "./variants";

export interface ServerResults {
    readonly kind: ServerKind;
    readonly samples: Record<VariantName, UpgradeSample[]>;
    /** Each tool's upgrade with nothing to apply: process start and loading, the part of the wall time no statement runs in. */
    readonly noopUpgradeMs: { readonly ours: number; readonly typeorm: number };
}

export interface OnlineResults {
    readonly machine: Machine;
    readonly rows: number;
    readonly runs: number;
    readonly servers: ServerResults[];
}

/** Where the longest stall must stay below with `--online` on PostgreSQL (issue 14). */
export const stallTargetMs = 200;

const serverLabels: Record<ServerKind, string> = { postgres: "PostgreSQL", mariadb: "MariaDB" };

const ms = (value: number) =>
    Number.isNaN(value) ? "–" : value >= 10000 ? `${(value / 1000).toFixed(1)} s` : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

function failedChecks(checks: readonly SchemaCheck[]): string {
    const failed = new Set(
        checks.flatMap((c) =>
            Object.entries(c)
                .filter(([, ok]) => !ok)
                .map(([name]) => name),
        ),
    );
    return failed.size === 0 ? "yes" : `**no: ${[...failed].join(", ")}**`;
}

/** The longest stall over every run of a variant: the worst the application saw. */
export function longestStall(samples: readonly UpgradeSample[]): number {
    return Math.max(...samples.map((s) => s.during.maxMs));
}

function variantRow(kind: ServerKind, variant: VariantName, samples: readonly UpgradeSample[]): string {
    const med = (pick: (s: UpgradeSample) => number) => median(samples.map(pick));
    const errors = samples.reduce((sum, s) => sum + s.during.errors, 0);
    const firstError = samples.find((s) => s.during.firstError)?.during.firstError;
    return row([
        serverLabels[kind],
        variantLabels[variant],
        ms(med((s) => s.upgradeMs)),
        String(Math.round(med((s) => s.during.ops))),
        errors === 0 ? "0" : `${errors} (${(firstError ?? "").slice(0, 80).replace(/\|/g, "/")})`,
        `${ms(med((s) => s.before.p99Ms))}`,
        ms(med((s) => s.during.p50Ms)),
        ms(med((s) => s.during.p99Ms)),
        `**${ms(longestStall(samples))}** at +${ms(samples.find((s) => s.during.maxMs === longestStall(samples))?.during.maxAtMs ?? Number.NaN)}`,
        failedChecks(samples.map((s) => s.schema)),
    ]);
}

export interface TargetJudgement {
    readonly goal: string;
    readonly measured: string;
    readonly met: boolean | null;
}

export function judgeTarget(results: OnlineResults): TargetJudgement {
    const goal = `PostgreSQL, \`--online\`: longest write stall < ${stallTargetMs} ms, while the default forms stall for the whole index build`;
    const pg = results.servers.find((s) => s.kind === "postgres");
    if (!pg) return { goal, measured: "PostgreSQL not run", met: null };
    const online = longestStall(pg.samples.online);
    // The share of the upgrade's statements' time (its wall time less our no-op upgrade's) the writer stood still.
    const stalledShare = (variant: VariantName) =>
        Math.round(
            (100 * longestStall(pg.samples[variant])) /
                (Math.max(...pg.samples[variant].map((s) => s.upgradeMs)) - pg.noopUpgradeMs[variant === "typeorm" ? "typeorm" : "ours"]),
        );
    const onlineOk = online < stallTargetMs && pg.samples.online.every((s) => schemaPassed(s.schema) && s.during.errors === 0);
    return {
        goal,
        measured: `online ${ms(online)}; default ${ms(longestStall(pg.samples.default))} (${stalledShare("default")}% of its statements' time), TypeORM ${ms(longestStall(pg.samples.typeorm))} (${stalledShare("typeorm")}%)`,
        met: onlineOk,
    };
}

/** The markdown table BENCHMARKS.md shows: one row per server and variant. */
export function renderOnlineReport(results: OnlineResults): string {
    const m = results.machine;
    const target = judgeTarget(results);
    const header = ["server", "migration", "upgrade (wall)", "writer ops during", "errors", "p99 before", "p50", "p99", "longest stall", "schema checked"];
    return [
        `Machine: ${m.cpus}, nproc ${m.nproc}, ${m.memoryGb} GB RAM; Node ${m.node}; TypeORM ${m.typeorm}; ${m.servers.join(", ")}.`,
        `${results.rows.toLocaleString("en")} rows in \`item\`; ${results.runs} run${results.runs === 1 ? "" : "s"} per variant, each on a fresh copy of the loaded database: medians, and the longest stall of all runs. ` +
            `PostgreSQL's online upgrade runs with \`--statement-lock-timeout ${statementLockTimeoutMs} --statement-lock-retries ${statementLockRetries}\`.`,
        "",
        row(header),
        row(header.map(() => "---")),
        ...results.servers.flatMap((s) => variantNames.map((v) => variantRow(s.kind, v, s.samples[v]))),
        "",
        `With nothing to apply (process start, loading TypeORM, the data source and the migrations), our \`upgrade\` takes ${results.servers
            .map((s) => `${ms(s.noopUpgradeMs.ours)} on ${serverLabels[s.kind]}`)
            .join(", ")}, TypeORM's \`migration:run\` ${results.servers.map((s) => `${ms(s.noopUpgradeMs.typeorm)}`).join(", ")}: ` +
            "the part of each upgrade's wall time in which no statement runs. \"At\": when the longest stall began, after the upgrade's spawn.",
        "",
        row(["target", "measured", "met"]),
        row(["---", "---", "---"]),
        row([target.goal, target.measured, target.met === null ? "not measured" : target.met ? "met" : "**not met**"]),
        "",
    ].join("\n");
}
