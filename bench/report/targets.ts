import type { BenchResults, SizeResults } from "./results";

export interface Target {
    readonly goal: string;
    /** null: not measured in this run. */
    readonly met: boolean | null;
    readonly measured: string;
}

const ms = (value: number) => `${Math.round(value)} ms`;

/** The targets, each judged from this run's medians. */
export function judgeTargets(results: BenchResults): Target[] {
    const at = (tables: number): SizeResults | undefined => results.sizes.find((s) => s.tables === tables);
    const k1 = at(1000);
    const k10 = at(10000);
    const targets: Target[] = [];
    const pg = k1?.typeorm.postgres;
    const maria = k1?.typeorm.mariadb;
    if (k1 && pg && maria) {
        const ratio = Math.min(pg.generateMs, maria.generateMs) / k1.generateMs;
        const ceiling = Number.isNaN(k1.metadataFloorMs)
            ? ""
            : `; building every entity's metadata alone would be ${(Math.min(pg.generateMs, maria.generateMs) / k1.metadataFloorMs).toFixed(1)}×`;
        const spurious = [k1.generateUnchangedOps ?? Number.NaN, k1.oursLiveSpurious.postgres ?? 0, k1.oursLiveSpurious.mariadb ?? 0];
        targets.push({
            goal: "generate ≥ 10× faster than TypeORM's generation at 1,000 tables, 0 spurious statements on both servers",
            met: ratio >= 10 && spurious.every((n) => n === 0),
            measured: `${ratio.toFixed(1)}× (PostgreSQL ${(pg.generateMs / k1.generateMs).toFixed(1)}×, MariaDB ${(maria.generateMs / k1.generateMs).toFixed(1)}×${ceiling}); spurious: offline ${spurious[0]}, live PostgreSQL ${spurious[1]}, live MariaDB ${spurious[2]}`,
        });
    } else targets.push({ goal: "generate ≥ 10× faster than TypeORM's generation at 1,000 tables", met: null, measured: "not measured" });
    targets.push(
        k10
            ? { goal: "differ on 10,000 tables under 1 s", met: k10.diffMs < 1000, measured: ms(k10.diffMs) }
            : { goal: "differ on 10,000 tables under 1 s", met: null, measured: "not measured" },
    );
    if (k1 && k10) {
        const growth = k10.diffMs / k1.diffMs;
        targets.push({ goal: "differ: 10× the tables costs ≤ 12× the time (1,000 → 10,000)", met: growth <= 12, measured: `${growth.toFixed(1)}×` });
    }
    targets.push({ goal: "typeorm-migrate --help under 0.3 s", met: results.helpMs < 300, measured: ms(results.helpMs) });
    targets.push(
        k1
            ? { goal: "check on 1,000 tables under 2 s end to end", met: k1.checkMs < 2000, measured: ms(k1.checkMs) }
            : { goal: "check on 1,000 tables under 2 s end to end", met: null, measured: "not measured" },
    );
    const up = results.upgrade;
    targets.push(
        up
            ? {
                  goal: "upgrade of 100 migrations within 1.2× of TypeORM's migration:run",
                  met: up.oursMs <= 1.2 * up.typeormMs,
                  measured: `${(up.oursMs / up.typeormMs).toFixed(2)}× (${ms(up.oursMs)} vs ${ms(up.typeormMs)})`,
              }
            : { goal: "upgrade of 100 migrations within 1.2× of TypeORM's migration:run", met: null, measured: "not measured" },
    );
    targets.push(
        k10?.oursFailure
            ? { goal: "peak memory of generate under 300 MB at 10,000 tables", met: false, measured: k10.oursFailure }
            : k10
              ? {
                    goal: "peak memory of generate under 300 MB at 10,000 tables",
                    met: k10.generatePeakMb < 300,
                    measured: `${Math.round(k10.generatePeakMb)} MB`,
                }
              : { goal: "peak memory of generate under 300 MB at 10,000 tables", met: null, measured: "not measured" },
    );
    return targets;
}
