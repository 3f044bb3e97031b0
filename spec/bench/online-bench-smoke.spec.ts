import { expect } from "chai";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OnlineResults } from "../../bench/online/report";
import { variantNames } from "../../bench/online/variants";
import { postgresDatabasesNamed, runBench } from "../support/bench-process";

let running: ChildProcess | undefined;

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
        const before = await postgresDatabasesNamed("tm_bench_online_");
        const out = join(dir, "report.md");
        const run = await runBench("online", ["--rows", "2000", "--runs", "1", "--servers", "postgres", "--out", out], (child) => (running = child));
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
        expect(await postgresDatabasesNamed("tm_bench_online_")).to.deep.equal(before);
    });
});
