import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogDataSourceFile, runCli } from "../support/run-cli";

/**
 * `upgrade --sql` of an `--online` revision (PostgreSQL): its statements are printed outside
 * BEGIN/COMMIT, as the runner sends them, so psql runs the whole script (CREATE INDEX CONCURRENTLY
 * refuses to run in a transaction block) and builds the valid indexes.
 */
describe("CLI: upgrade --sql of an --online revision (PostgreSQL, run with psql)", () => {
    let db: PostgresTestDatabase;
    let cwd: string;
    before(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-online-sql-"));
    });
    after(async () => {
        await db?.drop();
        rmSync(cwd, { recursive: true, force: true });
    });

    it("prints the concurrent builds after the previous COMMIT and before any BEGIN; psql runs it to head", async () => {
        const env = { BLOG_URL: db.url };
        expect(runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "v1"], { cwd, env }).status).to.equal(0);
        expect(runCli(["generate", "-d", blogDataSourceFile("v2"), "-m", "v2", "--online"], { cwd, env }).status).to.equal(0);
        const printed = runCli(["upgrade", "--sql", "-d", blogDataSourceFile("v2")], { cwd, env });
        expect(printed.status, printed.stderr).to.equal(0);
        const lines = printed.stdout.split("\n");
        const concurrent = lines.findIndex((line) => line.includes("INDEX CONCURRENTLY"));
        expect(concurrent).to.be.greaterThan(0);
        const opened = lines.slice(0, concurrent).filter((line) => /^(BEGIN|START TRANSACTION)/.test(line)).length;
        const closed = lines.slice(0, concurrent).filter((line) => /^COMMIT/.test(line)).length;
        expect(opened, "every transaction before the concurrent build is closed").to.equal(closed);

        const script = join(cwd, "upgrade.sql");
        writeFileSync(script, printed.stdout);
        const psql = spawnSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db.url, "-f", script], { encoding: "utf8" });
        expect(psql.status, psql.stderr).to.equal(0);

        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
            const invalid = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_index WHERE NOT indisvalid`);
            expect(invalid.rows[0].n).to.equal(0);
        } finally {
            await client.end();
        }
        const current = runCli(["current", "-d", blogDataSourceFile("v2")], { cwd, env });
        expect(current.stdout).to.match(/\(head\), v2/);
        const check = runCli(["check", "--db", "-d", blogDataSourceFile("v2")], { cwd, env });
        expect(check.stdout, check.stderr).to.include("No drift");
        expect(check.status).to.equal(0);
    });
});
