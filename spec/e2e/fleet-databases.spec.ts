import { expect } from "chai";
import { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { blogDataSource as blogV2 } from "../../fixtures/blog/v2";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { createMysqlDatabase, createPostgresDatabase, type MysqlTestDatabase, type PostgresTestDatabase } from "../support/databases";
import { mariadbHarness, postgresHarness, synchronizedCatalog, type DialectHarness } from "../support/dialect-harness";
import {
    blogDataSourceModule,
    fleetProject,
    onDatabase,
    generatedRevision,
    progressOf,
    summaryOf,
    targetsWith,
    type FleetProject,
} from "../support/fleet-project";

const count = 10;
const brokenPostgres = [2, 6];
const brokenMariadb = [3, 8];
const shopName = (i: number) => `shop-${String(i).padStart(2, "0")}`;

/** The targets module: reads the shop's tenants from a file, and insists on being given the bind's data source. */
const tenantsModule = `const { readFileSync } = require("node:fs");
exports.targets = async ({ dataSource }) => {
    if (dataSource.options.type !== "mariadb") throw new Error("expected the shop bind's data source");
    return JSON.parse(readFileSync(__dirname + "/tenants.json", "utf8"));
};
`;

interface JsonTarget {
    readonly target: string;
    readonly from: string;
    readonly to: string;
    readonly status: string;
    readonly error?: string;
}

/**
 * The issue's fleet of databases: one config with two binds, the blog on 10 PostgreSQL databases
 * (targets from an environment variable) and on 10 MariaDB databases (targets from a module's
 * function), driven through the CLI. A failure injected in two of each, `--fail-fast`, `--json`,
 * a rerun after the fix; then every database is what synchronize() builds, rows kept.
 */
describe("a fleet of 10 PostgreSQL and 10 MariaDB databases (targets from { env } and { module }) through the CLI", function () {
    this.timeout(120000);
    let postgres: PostgresTestDatabase[] = [];
    let mariadb: MysqlTestDatabase[] = [];
    let project: FleetProject;
    let version: "v1" | "v2" = "v1";
    const revisions = { blog: "", shop: "" };
    const mariadbUrl = (db: MysqlTestDatabase) => `mariadb://${db.options.username}@${db.options.host}:${db.options.port}/${db.name}`;
    const postgresName = (db: PostgresTestDatabase) => `${db.options.host}:${db.options.port}/${db.name}`;
    /** As the failure line names them: with their bind, since both binds have targets. */
    const brokenNames = () => [...brokenPostgres.map((i) => `blog/${postgresName(postgres[i])}`), ...brokenMariadb.map((i) => `shop/${shopName(i)}`)];

    const onPostgres = <T>(i: number, work: (dataSource: DataSource) => Promise<T>) => onDatabase(postgres[i].options, work);
    const onMariadb = <T>(i: number, work: (dataSource: DataSource) => Promise<T>) => onDatabase({ type: "mariadb", ...mariadb[i].options }, work);

    /** `--json`'s targets, by bind. */
    function jsonTargets(stdout: string): Record<string, JsonTarget[]> {
        const { binds } = JSON.parse(stdout) as { binds: { bind: string; targets: JsonTarget[] }[] };
        return Object.fromEntries(binds.map((bind) => [bind.bind, bind.targets]));
    }

    async function expectSynchronized(build: (options: BlogDataSourceOptions) => DataSource, label: string) {
        const compare = async (harness: DialectHarness, options: object, expected: Catalog, name: string) => {
            const actual = await onDatabase(options, (dataSource) => harness.dump(dataSource));
            expect(diffCatalogs(expected, actual, { a: "synchronize()", b: `migrations on ${name}` }), `${label}: ${name}`).to.deep.equal([]);
        };
        const expectedPostgres = await synchronizedCatalog(postgresHarness, build);
        for (const db of postgres) await compare(postgresHarness, db.options, expectedPostgres, postgresName(db));
        const expectedMariadb = await synchronizedCatalog(mariadbHarness, build);
        for (const [i, db] of mariadb.entries()) await compare(mariadbHarness, { type: "mariadb", ...db.options }, expectedMariadb, shopName(i));
    }

    const cli = (...args: string[]) => project.cli(args, { FLEET_BLOG_VERSION: version });

    before(async () => {
        postgres = await Promise.all(Array.from({ length: count }, () => createPostgresDatabase()));
        mariadb = await Promise.all(Array.from({ length: count }, () => createMysqlDatabase()));
        // Spaces, commas and newlines all separate the URLs.
        const postgresUrls = postgres.map((db, i) => db.url + [" ", ",", "\n", ", "][i % 4]).join("");
        project = fleetProject(() => ({ FLEET_POSTGRES_URLS: postgresUrls }));
        project.writeFile("blog-postgres.js", blogDataSourceModule("postgres"));
        project.writeFile("blog-mariadb.js", blogDataSourceModule("mariadb"));
        project.writeFile("tenants.js", tenantsModule);
        project.writeFile("tenants.json", JSON.stringify(mariadb.map((db, i) => ({ name: shopName(i), url: mariadbUrl(db) }))));
        project.writeConfig({
            blog: { dataSource: "./blog-postgres.js", targets: { env: "FLEET_POSTGRES_URLS" } },
            shop: { dataSource: "./blog-mariadb.js", targets: { module: "./tenants.js" } },
        });
        const generated = cli("generate", "-m", "Initial");
        expect(generated.status, generated.stderr).to.equal(0);
        [revisions.blog, revisions.shop] = [...generated.stdout.matchAll(/\(revision (\w+)\)/g)].map((m) => m[1]);
        // The injected failures: PostgreSQL already has the enum type the first migration creates, MariaDB a table.
        for (const i of brokenPostgres) await onPostgres(i, (ds) => ds.query(`CREATE TYPE user_role AS ENUM ('conflict')`));
        for (const i of brokenMariadb) await onMariadb(i, (ds) => ds.query("CREATE TABLE `user` (x int)"));
    });
    after(async () => {
        await Promise.all([...postgres, ...mariadb].map((db) => db.drop()));
        project?.remove();
    });

    it("upgrade --fail-fast --parallel 1 starts no more targets after the first failure, in this bind or the next: the summary says `not started`", async () => {
        const run = cli("upgrade", "--fail-fast", "--parallel", "1");
        expect(run.status, run.stderr).to.equal(3);
        const summary = summaryOf(run.stdout, "blog");
        const names = postgres.map(postgresName);
        expect(targetsWith(summary, "upgraded")).to.deep.equal(names.slice(0, 2).sort());
        expect(targetsWith(summary, "FAILED")).to.deep.equal([names[2]]);
        expect(targetsWith(summary, "not started")).to.deep.equal(names.slice(3).sort());
        expect(progressOf(run.stdout).map((line) => line.target)).to.deep.equal(names.slice(0, 3));
        expect(targetsWith(summaryOf(run.stdout, "shop"), "not started")).to.have.length(10);
        expect(run.stderr).to.include(
            `18 target(s) failed or were not started: ${names
                .slice(2, 7)
                .map((name) => `blog/${name}`)
                .join(", ")} and 13 more`,
        );
    });

    it("upgrade --json: the injected failures fail alone (exit 3 naming exactly them), one row per target, the others at the head", async () => {
        const run = cli("upgrade", "--parallel", "8", "--json");
        expect(run.status, run.stderr).to.equal(3);
        expect(run.stderr.trim().split("\n").pop()).to.equal(
            `typeorm-migrate: error: 4 target(s) failed or were not started: ${brokenNames().join(", ")}; rerun \`upgrade\` to continue: targets already at the revision are passed over`,
        );
        const targets = jsonTargets(run.stdout);
        expect(targets.blog.map((t) => t.target)).to.deep.equal(postgres.map(postgresName));
        expect(targets.shop.map((t) => t.target)).to.deep.equal(mariadb.map((_, i) => shopName(i)));
        for (const [i, t] of targets.blog.entries()) {
            if (brokenPostgres.includes(i)) expect(t.error, t.target).to.match(/type "user_role" already exists/);
            else expect([t.from, t.to], t.target).to.deep.equal([i < 2 ? revisions.blog : "<base>", revisions.blog]);
        }
        for (const [i, t] of targets.shop.entries()) {
            if (brokenMariadb.includes(i)) expect(t.error, t.target).to.match(/already has table user that the first migration creates/);
            else expect([t.from, t.to, t.status], t.target).to.deep.equal(["<base>", revisions.shop, "upgraded (1 migration(s))"]);
        }
        // Progress goes to standard error under --json: a line for each of the 20.
        expect(progressOf(run.stderr)).to.have.length(2 * count);
    });

    it("once the conflicts are removed, a rerun upgrades the four and passes over the rest; each database is as synchronize() builds it", async () => {
        for (const i of brokenPostgres) await onPostgres(i, (ds) => ds.query(`DROP TYPE user_role`));
        for (const i of brokenMariadb) await onMariadb(i, (ds) => ds.query("DROP TABLE `user`"));
        const run = cli("upgrade", "--parallel", "8");
        expect(run.status, run.stderr).to.equal(0);
        const blog = summaryOf(run.stdout, "blog");
        const shop = summaryOf(run.stdout, "shop");
        expect(targetsWith(blog, "upgraded (1 migration(s))")).to.deep.equal(brokenPostgres.map((i) => postgresName(postgres[i])).sort());
        expect(targetsWith(blog, "already there")).to.have.length(count - brokenPostgres.length);
        expect(targetsWith(shop, "upgraded (1 migration(s))")).to.deep.equal(brokenMariadb.map(shopName));
        expect(targetsWith(shop, "already there")).to.have.length(count - brokenMariadb.length);
        await expectSynchronized(blogV1, "v1");
    });

    it("v2 on all 20: rows kept, `current --json` at the head everywhere, each database as synchronize() builds it", async () => {
        for (let i = 0; i < count; i++) {
            await onPostgres(i, (ds) =>
                ds.query(
                    `INSERT INTO "user" (email, "displayName") VALUES ('owner@pg${i}', 'Owner'); INSERT INTO post (title, body, "authorId") VALUES ('Hello ${i}', 'x', 1)`,
                ),
            );
            await onMariadb(i, async (ds) => {
                await ds.query(`INSERT INTO user (email, displayName) VALUES ('owner@shop${i}', 'Owner')`);
                await ds.query(`INSERT INTO post (title, body, authorId) VALUES ('Hello ${i}', 'x', 1)`);
            });
        }
        version = "v2";
        const generated = cli("generate", "-m", "Added new fields");
        expect(generated.status, generated.stderr).to.equal(0);
        const heads = { blog: "", shop: "" };
        [heads.blog, heads.shop] = [...generated.stdout.matchAll(/\(revision (\w+)\)/g)].map((m) => m[1]);
        expect(generatedRevision(generated)).to.equal(heads.blog);

        const run = cli("upgrade", "--parallel", "8");
        expect(run.status, run.stderr).to.equal(0);
        const current = cli("current", "--json", "--parallel", "8");
        expect(current.status, current.stderr).to.equal(0);
        const targets = jsonTargets(current.stdout);
        expect(targets.blog.map((t) => [t.from, t.status])).to.deep.equal(postgres.map(() => [heads.blog, "at head"]));
        expect(targets.shop.map((t) => [t.from, t.status])).to.deep.equal(mariadb.map(() => [heads.shop, "at head"]));

        for (let i = 0; i < count; i++) {
            expect(
                await onPostgres(i, (ds) => ds.query(`SELECT u.email, p.title, p."viewCount" FROM "user" u JOIN post p ON p."authorId" = u.id`)),
            ).to.deep.equal([{ email: `owner@pg${i}`, title: `Hello ${i}`, viewCount: 0 }]);
            expect(await onMariadb(i, (ds) => ds.query(`SELECT u.email, p.title, p.viewCount FROM user u JOIN post p ON p.authorId = u.id`))).to.deep.equal([
                { email: `owner@shop${i}`, title: `Hello ${i}`, viewCount: 0 },
            ]);
        }
        await expectSynchronized(blogV2, "v2");
    });
});
