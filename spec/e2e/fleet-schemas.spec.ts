import { expect } from "chai";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { blogDataSource as blogV2 } from "../../fixtures/blog/v2";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpPostgresCatalog } from "../support/catalog/postgres";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { fleetProject, generatedRevision, progressOf, summaryOf, targetsWith, watchPostgresConnections, type FleetProject } from "../support/fleet-project";
import { blogDataSourceFile } from "../support/run-cli";
import { waitUntil } from "../support/start-cli";
import { stripVTControlCharacters } from "node:util";

/** 50 tenants, names of one length so that none is part of another (the catalogs are compared with the name replaced). */
const tenants = Array.from({ length: 50 }, (_, i) => `t_${String(i).padStart(2, "0")}`);
const broken = ["t_07", "t_23", "t_41"];
const placeholder = "<tenant>";
const referenceSchema = "t_ref";

/** A catalog with its schema's name replaced, so two schemas' catalogs compare. */
function placed(catalog: Catalog, schema: string): Catalog {
    return JSON.parse(JSON.stringify(catalog).split(schema).join(placeholder)) as Catalog;
}

/** What TypeORM's synchronize() builds for the blog's entities with the DataSource's `schema` set to a tenant's. */
async function synchronizedTenant(build: (options: BlogDataSourceOptions) => DataSource): Promise<Catalog> {
    const db = await createPostgresDatabase();
    try {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        await client.query(`CREATE SCHEMA ${referenceSchema}`);
        await client.end();
        const dataSource = build({ ...db.options, schema: referenceSchema });
        await dataSource.initialize();
        try {
            await dataSource.synchronize();
            return placed(await dumpPostgresCatalog((sql, p) => dataSource.query(sql, p), { schemas: [referenceSchema] }), referenceSchema);
        } finally {
            await dataSource.destroy();
        }
    } finally {
        await db.drop();
    }
}

interface JsonTarget {
    readonly target: string;
    readonly from: string;
    readonly to: string;
    readonly status: string;
    readonly dirty?: unknown;
}

/**
 * The fleet of tenant schemas on a real server: one PostgreSQL database, 50 schemas
 * matching `t_*`, the blog's chain (written without schema names) run in each through the CLI.
 * Failures in a few, a kill part way, reruns; then every schema is what synchronize() builds
 * with the DataSource's `schema` set to it, rows kept, drift found per tenant, and the server
 * never sees more connections than `--parallel` allows.
 */
describe('a fleet of 50 PostgreSQL schemas (`targets: { schemas: "t_*" }`) through the CLI', function () {
    this.timeout(120000);
    let db: PostgresTestDatabase;
    let project: FleetProject;
    const revisions = { v1: "", v2: "" };
    const maintenanceUrl = () => db.url.replace(/\/[^/]*$/, "/postgres");

    const configure = (version: "v1" | "v2") => project.writeConfig({ default: { dataSource: blogDataSourceFile(version), targets: { schemas: "t_*" } } });

    async function onDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
            return await work(client);
        } finally {
            await client.end();
        }
    }

    /** `current --json`: each target's revision and whether it is dirty. */
    function positions(): Map<string, JsonTarget> {
        const run = project.cli(["current", "--json", "--parallel", "8"]);
        expect(run.status, run.stderr).to.equal(0);
        const [bind] = (JSON.parse(run.stdout) as { binds: { targets: JsonTarget[] }[] }).binds;
        return new Map(bind.targets.map((target) => [target.target, target]));
    }

    /** Runs the CLI to its end while sampling the server's connections to the fleet's database; kills it after `limitMs`. */
    async function watched(args: string[], limitMs = 60000) {
        const watch = await watchPostgresConnections(maintenanceUrl(), db.name);
        const run = project.start(args);
        const timer = setTimeout(() => run.child.kill("SIGKILL"), limitMs);
        const finished = await run.finished;
        clearTimeout(timer);
        const connections = await watch.stop();
        if (finished.signal === "SIGKILL") throw new Error(`\`${args.join(" ")}\` did not finish within ${limitMs / 1000} s on ${tenants.length} schemas`);
        return { ...finished, ...connections };
    }

    async function expectEveryTenantSynchronized(build: (options: BlogDataSourceOptions) => DataSource, label: string) {
        const expected = await synchronizedTenant(build);
        await onDatabase(async (client) => {
            for (const tenant of tenants) {
                const actual = placed(await dumpPostgresCatalog(client, { schemas: [tenant] }), tenant);
                expect(diffCatalogs(expected, actual, { a: "synchronize()", b: `migrations in ${tenant}` }), `${label}: ${tenant}`).to.deep.equal([]);
            }
            const elsewhere = await client.query(`select table_schema, table_name from information_schema.tables where table_schema in ('public', 'tx00')`);
            expect(elsewhere.rows, "nothing outside the tenants' schemas").to.deep.equal([]);
        });
    }

    async function expectRowsKept() {
        await onDatabase(async (client) => {
            for (const tenant of tenants) {
                const { rows } = await client.query(
                    `select u.email, p.title from ${tenant}."user" u join ${tenant}.post p on p."authorId" = u.id order by u.id`,
                );
                expect(rows, tenant).to.deep.equal([{ email: `owner@${tenant}`, title: `Hello from ${tenant}` }]);
            }
        });
    }

    before(async () => {
        db = await createPostgresDatabase();
        project = fleetProject(() => ({ BLOG_URL: db.url }));
        // A schema whose name is `t_*` read as LIKE (`_` any character) but not as the glob: never a target.
        await onDatabase((client) => client.query([...tenants, "tx00"].map((name) => `CREATE SCHEMA ${name};`).join("\n")));
        configure("v1");
        const generated = project.cli(["generate", "-m", "Initial"]);
        expect(generated.status, generated.stderr).to.equal(0);
        revisions.v1 = generatedRevision(generated);
    });
    after(async () => {
        await db?.drop();
        project?.remove();
    });

    it("upgrade: the schemas holding a conflicting type fail alone (exit 3 naming them), the others reach v1; fixed, a rerun passes over the others", async () => {
        await onDatabase((client) => client.query(broken.map((t) => `CREATE TYPE ${t}.user_role AS ENUM ('conflict');`).join("\n")));

        const first = await watched(["upgrade"]);
        expect(first.status, first.stderr).to.equal(3);
        expect(first.stderr.trim()).to.match(new RegExp(`^typeorm-migrate: error: 3 target\\(s\\) failed or were not started: ${broken.join(", ")};`));
        const summary = summaryOf(first.stdout);
        expect([...summary.keys()]).to.deep.equal(tenants);
        expect(targetsWith(summary, "FAILED")).to.deep.equal(broken);
        expect(targetsWith(summary, "upgraded (1 migration(s))")).to.have.length(47);
        const progress = progressOf(first.stdout);
        expect(progress.map((line) => line.position)).to.deep.equal(tenants.map((_, i) => i + 1));
        expect(progress.map((line) => line.target).sort()).to.deep.equal(tenants);
        expect(progress[49].counts).to.deep.equal({ done: 47, failed: 3, remaining: 0 });
        // --parallel 4 (the default): four targets' connections, and the schema listing's before them.
        expect(first.peak, `${first.samples} samples`).to.be.within(2, 5);

        const after = positions();
        for (const tenant of tenants) expect(after.get(tenant)?.from, tenant).to.equal(broken.includes(tenant) ? "<base>" : revisions.v1);
        // The failed migration was rolled back: nothing of it stayed in the broken schemas.
        await onDatabase(async (client) => {
            const { rows } = await client.query(`select table_schema from information_schema.tables where table_schema = any($1) order by 1`, [broken]);
            expect(rows.map((row: { table_schema: string }) => row.table_schema)).to.deep.equal(broken);
            await client.query(broken.map((t) => `DROP TYPE ${t}.user_role;`).join("\n"));
        });

        const rerun = await watched(["upgrade"]);
        expect(rerun.status, rerun.stderr).to.equal(0);
        const rerunSummary = summaryOf(rerun.stdout);
        expect(targetsWith(rerunSummary, "upgraded (1 migration(s))")).to.deep.equal(broken);
        expect(targetsWith(rerunSummary, "already there")).to.have.length(47);
        expect(rerun.peak).to.be.within(1, 5);
        expect([...positions().values()].map((target) => target.status)).to.deep.equal(tenants.map(() => "at head"));
    });

    it("a SIGKILL part way through v2 leaves each schema at v1 or v2 and none dirty; a rerun brings all to v2, rows kept, each as synchronize() builds it", async () => {
        await onDatabase((client) =>
            client.query(
                tenants
                    .map(
                        (t) =>
                            `INSERT INTO ${t}."user" (email, "displayName") VALUES ('owner@${t}', 'Owner');` +
                            `INSERT INTO ${t}.post (title, body, "authorId") SELECT 'Hello from ${t}', 'First post', id FROM ${t}."user";`,
                    )
                    .join("\n"),
            ),
        );
        configure("v2");
        const generated = project.cli(["generate", "-m", "Added new fields"]);
        expect(generated.status, generated.stderr).to.equal(0);
        revisions.v2 = generatedRevision(generated);

        const run = project.start(["upgrade", "--parallel", "2"]);
        await waitUntil(
            "three targets are upgraded",
            async () => progressOf(await run.output()).filter((line) => line.status.startsWith("upgraded")).length >= 3,
            60000,
        );
        run.child.kill("SIGKILL");
        expect((await run.finished).signal).to.equal("SIGKILL");
        const watch = await watchPostgresConnections(maintenanceUrl(), db.name);
        await waitUntil("the killed run's sessions are gone", async () => (await watch.now()) === 0);
        await watch.stop();

        const killed = positions();
        const atV2 = tenants.filter((t) => killed.get(t)?.from === revisions.v2);
        expect(atV2.length).to.be.within(3, 49);
        for (const tenant of tenants) {
            expect([revisions.v1, revisions.v2], tenant).to.include(killed.get(tenant)?.from);
            expect(killed.get(tenant)?.dirty ?? null, tenant).to.equal(null);
        }

        const rerun = await watched(["upgrade"]);
        expect(rerun.status, rerun.stderr).to.equal(0);
        const summary = summaryOf(rerun.stdout);
        expect(targetsWith(summary, "already there")).to.deep.equal(atV2);
        expect(targetsWith(summary, "upgraded (1 migration(s))")).to.deep.equal(tenants.filter((t) => !atV2.includes(t)));
        expect(rerun.peak).to.be.within(1, 5);
        for (const [tenant, target] of positions()) expect([target.from, target.status], tenant).to.deep.equal([revisions.v2, "at head"]);

        await expectRowsKept();
        await expectEveryTenantSynchronized(blogV2, "v2");
    });

    it("check --db finds no drift in any schema, and a change by hand in one tenant is reported for that tenant only (exit 1)", async () => {
        const clean = await watched(["check", "--db", "--verbose"], 90000);
        expect(clean.status, clean.stderr).to.equal(0);
        expect(targetsWith(summaryOf(clean.stdout), "no drift")).to.deep.equal(tenants);
        // Each target reads its own schema only: reading all 50 in each would be 50 times the work (minutes, not seconds).
        // TypeORM's logger colours its lines where it thinks a terminal or a CI log shows them.
        const lines = stripVTControlCharacters(clean.stdout).split("\n");
        expect(lines.filter((line) => line.startsWith("query:")).length).to.be.greaterThan(tenants.length);
        for (const line of lines) expect(new Set(line.match(/\bt_\d\d\b/g)).size, line.slice(0, 300)).to.be.at.most(1);
        // Reading each catalog happens on the target's one connection.
        expect(clean.peak).to.be.within(1, 5);

        await onDatabase((client) => client.query(`ALTER TABLE t_31.post ADD COLUMN "note" text`));
        const drifted = await watched(["check", "--db", "--parallel", "8"]);
        expect(drifted.status, drifted.stderr).to.equal(1);
        expect(drifted.peak).to.be.within(1, 9);
        const summary = summaryOf(drifted.stdout);
        expect(targetsWith(summary, "drift in 1 place(s)")).to.deep.equal(["t_31"]);
        expect(targetsWith(summary, "no drift")).to.deep.equal(tenants.filter((t) => t !== "t_31"));
        await onDatabase((client) => client.query(`ALTER TABLE t_31.post DROP COLUMN "note"`));
    });

    it("downgrade takes every schema one step back to v1's catalog, rows kept", async () => {
        // Named: a step count (`downgrade`, -1) is refused for a fleet, each target would count from its own revision.
        const run = await watched(["downgrade", revisions.v1]);
        expect(run.status, run.stderr).to.equal(0);
        expect(targetsWith(summaryOf(run.stdout), "downgraded (1 migration(s))")).to.deep.equal(tenants);
        expect(run.peak).to.be.within(2, 5);
        for (const [tenant, target] of positions()) expect(target.from, tenant).to.equal(revisions.v1);
        await expectRowsKept();
        await expectEveryTenantSynchronized(blogV1, "back at v1");
    });
});
