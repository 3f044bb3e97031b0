import type { BenchResults, SizeResults } from "./results";
import { judgeTargets } from "./targets";

const ms = (value: number | undefined) =>
    value === undefined || Number.isNaN(value) ? "–" : value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
const mb = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "–" : `${Math.round(value)} MB`);
const n = (value: number | undefined) => (value === undefined ? "–" : String(value));

function row(cells: readonly string[]): string {
    return `| ${cells.join(" | ")} |`;
}

function sizeTable(sizes: readonly SizeResults[]): string[] {
    const header = ["", ...sizes.map((s) => `${s.tables.toLocaleString("en")} tables`)];
    const line = (label: string, cell: (s: SizeResults) => string) => row([label, ...sizes.map(cell)]);
    return [
        row(header),
        row(header.map(() => "---")),
        line("`generate`, one changed column (whole process)", (s) => ms(s.generateMs)),
        line("`generate`, the same, with no entity units kept (a first run, or the first after an upgrade)", (s) => ms(s.generateNoUnitsMs)),
        line("its process up to TypeORM's metadata and no further: Node, TypeORM, the entity modules, the metadata build", (s) => ms(s.metadataFloorMs)),
        line("TypeORM `migration:generate --dryrun`, PostgreSQL", (s) => ms(s.typeorm.postgres?.generateMs)),
        line("TypeORM `migration:generate --dryrun`, MariaDB", (s) => ms(s.typeorm.mariadb?.generateMs)),
        line("ratio TypeORM / ours (PostgreSQL, MariaDB)", (s) =>
            s.typeorm.postgres && s.typeorm.mariadb
                ? `${(s.typeorm.postgres.generateMs / s.generateMs).toFixed(1)}×, ${(s.typeorm.mariadb.generateMs / s.generateMs).toFixed(1)}×`
                : "–",
        ),
        line("ratio TypeORM / that part: the most a tool having TypeORM build every entity's metadata could reach (PostgreSQL, MariaDB)", (s) =>
            s.typeorm.postgres && s.typeorm.mariadb && !Number.isNaN(s.metadataFloorMs)
                ? `${(s.typeorm.postgres.generateMs / s.metadataFloorMs).toFixed(1)}×, ${(s.typeorm.mariadb.generateMs / s.metadataFloorMs).toFixed(1)}×`
                : "–",
        ),
        line("spurious statements, TypeORM (PostgreSQL, MariaDB)", (s) => `${n(s.typeorm.postgres?.spurious)}, ${n(s.typeorm.mariadb?.spurious)}`),
        line(
            "spurious statements, ours: offline `check`; live (PostgreSQL, MariaDB)",
            (s) => `${n(s.generateUnchangedOps)}; ${n(s.oursLiveSpurious.postgres)}, ${n(s.oursLiveSpurious.mariadb)}`,
        ),
        line("`check`, no changes (whole process)", (s) => ms(s.checkMs)),
        line("differ alone, snapshot vs snapshot", (s) => ms(s.diffMs)),
        line("metadata reader alone (ours, on built metadata)", (s) => ms(s.readSchemaMs)),
        line("TypeORM's own metadata build (inside both tools)", (s) => ms(s.buildMetadataMs)),
        line("peak RSS of `generate`", (s) => mb(s.generatePeakMb)),
        line("peak RSS of TypeORM's generation (PostgreSQL, MariaDB)", (s) => `${mb(s.typeorm.postgres?.peakMb)}, ${mb(s.typeorm.mariadb?.peakMb)}`),
        line("repository bytes added per revision (.ts + .json)", (s) =>
            Number.isNaN(s.bytesPerRevision) ? "–" : `${s.bytesPerRevision.toLocaleString("en")} B`,
        ),
        line(
            "TypeORM `schema:sync` of the empty database, setup (PostgreSQL, MariaDB)",
            (s) => `${ms(s.typeorm.postgres?.synchronizeMs)}, ${ms(s.typeorm.mariadb?.synchronizeMs)}`,
        ),
    ];
}

/** The results as BENCHMARKS.md shows them: machine, sizes table, other cases, targets. */
export function renderReport(results: BenchResults): string {
    const m = results.machine;
    const up = results.upgrade;
    const targets = judgeTargets(results);
    return [
        `Machine: ${m.cpus}, nproc ${m.nproc}, ${m.memoryGb} GB RAM; Node ${m.node}; TypeORM ${m.typeorm}; ${m.servers.join(", ")}.`,
        `Medians of ${results.runs} interleaved runs${results.quick ? " (--quick: one run and no TypeORM cases at 10,000 tables)" : ""}.`,
        "",
        ...sizeTable(results.sizes),
        "",
        ...results.sizes
            .filter((s) => s.oursFailure)
            .map((s) => `At ${s.tables.toLocaleString("en")} tables ${s.oursFailure}; our whole-process cases were skipped.\n`),
        row(["other case", "median"]),
        row(["---", "---"]),
        row(["`typeorm-migrate --help`", ms(results.helpMs)]),
        row([`\`upgrade\` of ${up?.migrations ?? 100} migrations, PostgreSQL`, ms(up?.oursMs)]),
        row([`TypeORM \`migration:run\` of the same ${up?.migrations ?? 100} files`, ms(up?.typeormMs)]),
        "",
        row(["target", "measured", "met"]),
        row(["---", "---", "---"]),
        ...targets.map((t) => row([t.goal, t.measured, t.met === null ? "not measured" : t.met ? "met" : "**not met**"])),
        "",
    ].join("\n");
}
