import type { ServerKind } from "../fixture/data-source-source";

export interface OnlineBenchOptions {
    readonly rows: number;
    readonly runs: number;
    readonly servers: ServerKind[];
    /** Also write the report here (Markdown), and the samples as `<out>.json`. */
    readonly out?: string;
    readonly keep: boolean;
}

const usage = `usage: npm run bench:online -- [--rows N] [--runs N] [--servers postgres,mariadb] [--out file.md] [--keep]
  --rows     rows in the migrated table (default 1000000)
  --runs     timed upgrades per server and migration (default 1)
  --keep     leave the scratch folder (entities, migrations) for inspection`;

export function parseOnlineOptions(argv: readonly string[]): OnlineBenchOptions {
    let rows = 1_000_000;
    let runs = 1;
    let servers: string[] = ["postgres", "mariadb"];
    let out: string | undefined;
    let keep = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--rows") rows = Number(argv[++i]);
        else if (arg === "--runs") runs = Number(argv[++i]);
        else if (arg === "--servers") servers = String(argv[++i]).split(",");
        else if (arg === "--out") out = argv[++i];
        else if (arg === "--keep") keep = true;
        else throw new Error(`unknown argument ${arg}\n${usage}`);
    }
    const known = (s: string): s is ServerKind => s === "postgres" || s === "mariadb";
    if (!Number.isInteger(rows) || rows < 10 || !Number.isInteger(runs) || runs < 1 || servers.length === 0 || !servers.every(known)) throw new Error(usage);
    return { rows, runs, servers: servers.filter(known), out, keep };
}
