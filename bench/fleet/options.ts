import type { ServerKind } from "../fixture/data-source-source";
import type { FleetShape } from "./fixture";

/** One layout of a fleet: 200 schemas of one PostgreSQL database, or 200 databases of a server. */
export interface FleetCase {
    readonly kind: ServerKind;
    readonly shape: FleetShape;
}

export const caseNames = {
    "postgres-schemas": { kind: "postgres", shape: "schemas" },
    "postgres-databases": { kind: "postgres", shape: "databases" },
    "mariadb-databases": { kind: "mariadb", shape: "databases" },
} as const satisfies Record<string, FleetCase>;

export type CaseName = keyof typeof caseNames;

export interface FleetBenchOptions {
    readonly targets: number;
    readonly runs: number;
    readonly parallel: number[];
    readonly cases: CaseName[];
    /** Also write the report here (Markdown), and the samples as `<out>.json`. */
    readonly out?: string;
    readonly keep: boolean;
}

const usage = `usage: npm run bench:fleet -- [--targets N] [--runs N] [--parallel 1,8] [--cases postgres-schemas,postgres-databases,mariadb-databases] [--out file.md] [--keep]
  --targets   targets per case (default 200)
  --runs      timed upgrades per case and --parallel value, each on fresh targets (default 3)
  --parallel  the upgrade's --parallel values to compare (default 1,8)
  --cases     default postgres-schemas,postgres-databases
  --keep      leave the scratch folder (entities, configs, migrations) for inspection`;

export function parseFleetOptions(argv: readonly string[]): FleetBenchOptions {
    let targets = 200;
    let runs = 3;
    let parallel = [1, 8];
    let cases: string[] = ["postgres-schemas", "postgres-databases"];
    let out: string | undefined;
    let keep = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--targets") targets = Number(argv[++i]);
        else if (arg === "--runs") runs = Number(argv[++i]);
        else if (arg === "--parallel") parallel = String(argv[++i]).split(",").map(Number);
        else if (arg === "--cases") cases = String(argv[++i]).split(",");
        else if (arg === "--out") out = argv[++i];
        else if (arg === "--keep") keep = true;
        else throw new Error(`unknown argument ${arg}\n${usage}`);
    }
    const whole = (n: number) => Number.isInteger(n) && n >= 1;
    const known = (name: string): name is CaseName => name in caseNames;
    if (!whole(targets) || targets > 999 || !whole(runs) || parallel.length === 0 || !parallel.every(whole) || cases.length === 0 || !cases.every(known)) {
        throw new Error(usage);
    }
    return { targets, runs, parallel, cases: cases.filter(known), out, keep };
}
