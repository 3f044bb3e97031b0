import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FleetResults } from "../../bench/fleet/report";
import { postgresDatabasesNamed, runBench } from "../support/bench-process";

/** `npm run bench:fleet` at 5 PostgreSQL schemas: both --parallel values upgrade every target within N + 1 connections, and the database goes. */
describe("bench:fleet: the fleet benchmark, small, on PostgreSQL schemas", function () {
    this.timeout(60000);
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "tm-fleet-bench-smoke-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("reports --parallel 1 and 8 with every target upgraded, a connection peak of at most N + 1, and drops its database", async () => {
        const before = await postgresDatabasesNamed("tm_bench_fleet_");
        const out = join(dir, "report.md");
        const run = await runBench("fleet", ["--targets", "5", "--runs", "1", "--parallel", "1,8", "--cases", "postgres-schemas", "--out", out]);
        expect(run.status, run.stderr).to.equal(0);
        const results = JSON.parse(readFileSync(`${out}.json`, "utf8")) as FleetResults;
        expect(results.cases.map((c) => c.name)).to.deep.equal(["postgres-schemas"]);
        const samples = results.cases[0].samples;
        expect(samples.map((s) => s.parallel)).to.deep.equal([1, 8]);
        for (const sample of samples) {
            expect(sample.upgraded, `--parallel ${sample.parallel}`).to.equal(5);
            expect(sample.connections.samples, `--parallel ${sample.parallel}`).to.be.greaterThan(0);
            expect(sample.connections.peak, `--parallel ${sample.parallel}`).to.be.within(1, sample.parallel + 1);
        }
        expect(run.stdout).to.include("| PostgreSQL, schemas of one database").and.include("(limit 9): met");
        expect(readFileSync(out, "utf8")).to.equal(run.stdout);
        expect(await postgresDatabasesNamed("tm_bench_fleet_")).to.deep.equal(before);
    });
});
