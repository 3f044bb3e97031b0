import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { analyticsDataSource as analyticsV1 } from "../../fixtures/blog/analytics/v1";
import { analyticsDataSource as analyticsV2 } from "../../fixtures/blog/analytics/v2";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { blogDataSource as blogV2 } from "../../fixtures/blog/v2";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { mariadbHarness, postgresHarness, synchronizedCatalog, type DialectHarness, type ScratchDatabase } from "../support/dialect-harness";
import { distRoot, runCli } from "../support/run-cli";

const dataSourceFile = (...path: string[]) => join(distRoot, "fixtures", "blog", ...path, "data-source.js");

/**
 * The seed's two-bind app on real servers: the blog's own data on PostgreSQL, the analytics bind
 * on MariaDB, driven through the CLI with a config file, each database compared with what
 * synchronize() builds from the same entities.
 */
describe("the two-bind blog: PostgreSQL + MariaDB through the CLI", () => {
    let blogDb: ScratchDatabase;
    let analyticsDb: ScratchDatabase;
    let cwd: string;
    const configFor = (version: "v1" | "v2") => {
        const file = join(cwd, `config-${version}.json`);
        writeFileSync(file, JSON.stringify({ binds: { default: dataSourceFile(version), analytics: dataSourceFile("analytics", version) } }));
        return file;
    };
    const cli = (version: "v1" | "v2", ...args: string[]) => {
        const options = (db: ScratchDatabase) => db.options as unknown as { username: string; password?: string; host: string; port: number; database: string };
        const url = (scheme: string, db: ScratchDatabase) => {
            const o = options(db);
            return `${scheme}://${o.username}${o.password ? `:${o.password}` : ""}@${o.host}:${o.port}/${o.database}`;
        };
        return runCli([...args, "-c", configFor(version), "--dir", "migrations"], {
            cwd,
            env: { BLOG_URL: url("postgres", blogDb), ANALYTICS_URL: url("mariadb", analyticsDb) },
        });
    };
    const dumpOf = async (harness: DialectHarness, db: ScratchDatabase): Promise<Catalog> => {
        const dataSource = new DataSource({ ...(db.options as object), entities: [] } as never);
        await dataSource.initialize();
        try {
            return await harness.dump(dataSource);
        } finally {
            await dataSource.destroy();
        }
    };
    const expectSynchronized = async (harness: DialectHarness, db: ScratchDatabase, build: (options: BlogDataSourceOptions) => DataSource, label: string) => {
        const expected = await synchronizedCatalog(harness, build);
        expect(diffCatalogs(expected, await dumpOf(harness, db), { a: "synchronize()", b: "migrations" }), label).to.deep.equal([]);
    };
    const query = async (harness: DialectHarness, db: ScratchDatabase, sql: string) => {
        const dataSource = new DataSource({ ...(db.options as object), entities: [] } as never);
        await dataSource.initialize();
        try {
            return await dataSource.query<Record<string, unknown>[]>(sql);
        } finally {
            await dataSource.destroy();
        }
    };

    before(async () => {
        blogDb = await postgresHarness.createDatabase();
        analyticsDb = await mariadbHarness.createDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-two-binds-"));
    });
    after(async () => {
        await blogDb?.drop();
        await analyticsDb?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("generate writes a migration per bind and upgrade builds each database as synchronize() does", async () => {
        const generated = cli("v1", "generate", "-m", "Initial migration.");
        expect(generated.status, generated.stderr).to.equal(0);
        expect(generated.stdout)
            .to.match(/^\[default\] Generated migrations\/default\//m)
            .and.match(/^\[analytics\] Generated migrations\/analytics\//m);
        const upgraded = cli("v1", "upgrade");
        expect(upgraded.status, upgraded.stderr + upgraded.stdout).to.equal(0);
        await expectSynchronized(postgresHarness, blogDb, blogV1, "default v1");
        await expectSynchronized(mariadbHarness, analyticsDb, analyticsV1, "analytics v1");
        await query(mariadbHarness, analyticsDb, "INSERT INTO page_view (path, durationMs) VALUES ('/hello', 1234)");
    });

    it("after both models change, the second migrations upgrade both databases, rows kept, check clean per bind", async () => {
        expect(cli("v2", "generate", "-m", "Added new fields").status).to.equal(0);
        const upgraded = cli("v2", "upgrade");
        expect(upgraded.status, upgraded.stderr + upgraded.stdout).to.equal(0);
        await expectSynchronized(postgresHarness, blogDb, blogV2, "default v2");
        await expectSynchronized(mariadbHarness, analyticsDb, analyticsV2, "analytics v2");
        expect(await query(mariadbHarness, analyticsDb, "SELECT path, CAST(durationMs AS CHAR) AS d FROM page_view")).to.deep.equal([
            { path: "/hello", d: "1234" },
        ]);
        const check = cli("v2", "check");
        expect(check.status, check.stdout).to.equal(0);
        expect(check.stdout.trim().split("\n")).to.deep.equal(["[default] No changes in schema detected.", "[analytics] No changes in schema detected."]);
    });

    it("downgrade --bind analytics reverts that database only", async () => {
        const run = cli("v2", "downgrade", "--bind", "analytics");
        expect(run.status, run.stderr).to.equal(0);
        await expectSynchronized(mariadbHarness, analyticsDb, analyticsV1, "analytics back at v1");
        await expectSynchronized(postgresHarness, blogDb, blogV2, "default still at v2");
        expect(await query(mariadbHarness, analyticsDb, "SELECT path, durationMs FROM page_view")).to.deep.equal([{ path: "/hello", durationMs: 1234 }]);
        const current = cli("v2", "current");
        expect(current.stdout)
            .to.match(/^\[default\] \w+ \(head\), Added new fields$/m)
            .and.match(/^\[analytics\] \w+, Initial migration\.$/m);
    });
});
