import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import type { OnlineResults } from "../../bench/online/report";
import { variantNames } from "../../bench/online/variants";
import { distRoot } from "../support/run-cli";

let running: ChildProcess | undefined;

function runBench(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = (running = spawn(process.execPath, [join(distRoot, "bench", "online", "run.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] }));
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (status) => {
            running = undefined;
            resolve({ status, stdout, stderr });
        });
    });
}

async function benchDatabases(): Promise<string[]> {
    const client = new Client({
        host: process.env.PGHOST ?? "127.0.0.1",
        port: Number(process.env.PGPORT ?? 5432),
        user: process.env.PGUSER ?? "postgres",
        password: process.env.PGPASSWORD,
        database: "postgres",
    });
    await client.connect();
    try {
        const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'tm_bench_online_%'");
        return rows.map((r) => r.datname);
    } finally {
        await client.end();
    }
}

/** `npm run bench:online` at 2,000 rows on PostgreSQL: every variant runs, the writer writes, the schema is checked. */
describe("bench:online: the write-stall benchmark, small, on PostgreSQL", function () {
    this.timeout(240000); // about 15 s on an idle machine, 40 s and more when other work shares the cores
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "tm-online-bench-smoke-"))));
    after(async () => {
        // A bench still running (the test timed out) is interrupted as Ctrl-C would, so it drops its databases.
        const child = running;
        if (child) await new Promise((resolve) => child.once("close", resolve).kill("SIGINT"));
        rmSync(dir, { recursive: true, force: true });
    });

    it("reports the three migrations with a writer that kept writing, each leaving v2's index, foreign key, NOT NULL and unique, and drops its databases", async () => {
        const before = await benchDatabases();
        const out = join(dir, "report.md");
        const run = await runBench(["--rows", "2000", "--runs", "1", "--servers", "postgres", "--out", out]);
        expect(run.status, run.stderr).to.equal(0);
        const results = JSON.parse(readFileSync(`${out}.json`, "utf8")) as OnlineResults;
        expect(results.servers.map((s) => s.kind)).to.deep.equal(["postgres"]);
        for (const variant of variantNames) {
            const [sample] = results.servers[0].samples[variant];
            expect(sample.during.ops, variant).to.be.greaterThan(0);
            expect(sample.during.errors, variant).to.equal(0);
            expect(sample.schema, variant).to.deep.equal({ qtyIndex: true, foreignKey: true, qtyNotNull: true, codeUnique: true, noInvalidIndex: true });
        }
        expect(run.stdout).to.include("ours, `generate --online`").and.include("TypeORM `migration:generate` + `migration:run`");
        expect(readFileSync(out, "utf8")).to.equal(run.stdout);
        expect(await benchDatabases()).to.deep.equal(before);
    });
});
