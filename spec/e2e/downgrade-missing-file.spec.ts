import { expect } from "chai";
import { mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { analyticsDataSource } from "../support/hand-written-revision";
import { runCli } from "../support/run-cli";

/**
 * A revision applied by this tool whose file was since deleted (a bad merge, a squash): reverting
 * the one below it would drop its tables while the missing one stays recorded. `downgrade` refuses
 * before running anything; a row TypeORM's own runner recorded (no checksum) does not block it.
 */
describe("downgrade when an applied revision's file is gone (PostgreSQL, with rows)", () => {
    let db: PostgresTestDatabase;
    let sql: Client;
    let cwd: string;
    const env = () => ({ ANALYTICS_URL: db.url });
    const cli = (...args: string[]) => runCli([args[0], "-d", analyticsDataSource("v2"), ...args.slice(1)], { cwd, env: env() });
    const dir = () => join(cwd, "migrations", "default");
    const tables = async () =>
        (await sql.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r: { tablename: string }) => r.tablename);
    const recorded = async () => (await sql.query("SELECT name FROM migrations ORDER BY id")).rows.map((r: { name: string }) => r.name.replace(/\d{13}$/, ""));
    const pageViews = async () => (await sql.query<{ path: string; userAgent: string | null }>(`SELECT path, "userAgent" FROM page_view ORDER BY id`)).rows;
    const dailyCounts = async () => (await sql.query(`SELECT views FROM daily_count`)).rows.map((r: { views: number }) => r.views);

    before(async () => {
        db = await createPostgresDatabase();
        sql = new Client({ connectionString: db.url });
        await sql.connect();
        cwd = mkdtempSync(join(tmpdir(), "tm-missing-"));
        for (const version of ["v1", "v2"] as const) {
            const generate = runCli(["generate", "-d", analyticsDataSource(version), "-m", `analytics ${version}`], { cwd, env: env() });
            expect(generate.status, generate.stderr).to.equal(0);
        }
        const up = cli("upgrade");
        expect(up.status, up.stderr).to.equal(0);
        await sql.query(`INSERT INTO page_view (path, "userAgent") VALUES ('/', 'curl'), ('/about', NULL)`);
        await sql.query(`INSERT INTO daily_count (day, path, views, "uniqueVisitors") VALUES ('2026-01-01', '/', 17, 9)`);
    });
    after(async () => {
        await sql?.end();
        await db?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("refuses with exit 2 naming the recorded revision without a file; nothing is reverted, every row stays", async () => {
        const v2Files = readdirSync(dir()).filter((f) => f.endsWith("-analytics-v2.ts") || f.endsWith("-analytics-v2.json"));
        expect(v2Files).to.have.length(2);
        const aside = mkdtempSync(join(tmpdir(), "tm-aside-"));
        for (const file of v2Files) renameSync(join(dir(), file), join(aside, file));
        try {
            const before = { tables: await tables(), rows: await pageViews() };
            const down = cli("downgrade");
            expect(down.status, down.stderr).to.equal(2);
            expect(down.stderr).to.match(
                /AnalyticsV2\d{13} is recorded as applied by this tool but no file in the migrations folder has that class; nothing was reverted/,
            );
            expect(await tables()).to.deep.equal(before.tables);
            expect(await pageViews()).to.deep.equal(before.rows);
            expect(await dailyCounts()).to.deep.equal([17]);
            expect(await recorded()).to.deep.equal(["AnalyticsV1", "AnalyticsV2"]);
            expect(cli("downgrade", "base").status).to.equal(2);
            expect(await tables()).to.deep.equal(before.tables);
            expect(cli("current").stdout).to.match(/Applied by this tool, but the file is gone from the migrations folder: AnalyticsV2\d{13}/);
        } finally {
            for (const file of v2Files) renameSync(join(aside, file), join(dir(), file));
            rmSync(aside, { recursive: true, force: true });
        }
    });

    it("a row TypeORM's own runner recorded, with no file here, does not block it", async () => {
        await sql.query(`INSERT INTO migrations ("timestamp", name) VALUES (1600000000000, 'LegacyHandWritten1600000000000')`);
        expect(cli("current").stdout).to.include("Also recorded, not in the migrations folder: LegacyHandWritten1600000000000");
        const down = cli("downgrade");
        expect(down.status, down.stderr).to.equal(0);
        expect(await recorded()).to.deep.equal(["AnalyticsV1", "LegacyHandWritten"]);
        expect(await tables()).not.to.include("event");
        expect((await sql.query("SELECT path FROM page_view ORDER BY id")).rows.map((r: { path: string }) => r.path)).to.deep.equal(["/", "/about"]);
        expect(await dailyCounts()).to.deep.equal([17]);
    });
});
