import { expect } from "chai";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { blogDataSource as blogV2 } from "../../fixtures/blog/v2";
import { diffCatalogs } from "../support/catalog/compare";
import { createMysqlDatabase, createPostgresDatabase, type MysqlTestDatabase, type PostgresTestDatabase } from "../support/databases";
import { mariadbHarness, postgresHarness, synchronizedCatalog, type DialectHarness } from "../support/dialect-harness";
import { blogDataSourceModule, fleetProject, onDatabase, progressOf, summaryOf, targetsWith, type FleetProject } from "../support/fleet-project";
import { waitUntil } from "../support/start-cli";

interface JsonTarget {
    readonly target: string;
    readonly from: string;
    readonly to: string;
    readonly status: string;
    readonly error?: string;
}

function jsonTargets(stdout: string): JsonTarget[] {
    return (JSON.parse(stdout) as { binds: { targets: JsonTarget[] }[] }).binds[0].targets;
}

async function expectSynchronized(harness: DialectHarness, build: (options: BlogDataSourceOptions) => DataSource, targets: [string, object][]) {
    const expected = await synchronizedCatalog(harness, build);
    for (const [name, options] of targets) {
        const actual = await onDatabase(options, (dataSource) => harness.dump(dataSource));
        expect(diffCatalogs(expected, actual, { a: "synchronize()", b: `migrations on ${name}` }), name).to.deep.equal([]);
    }
}

/**
 * MariaDB commits each DDL statement, so a migration that fails part way leaves its target dirty.
 * Across a fleet, `upgrade --resume` resumes the targets a stopped run left dirty and upgrades the
 * others as a plain `upgrade` would (a new target from the base, finished ones passed over).
 */
describe("a fleet with targets left dirty: upgrade --resume (MariaDB databases)", function () {
    this.timeout(120000);
    const names = ["a", "b", "c", "d", "e"];
    const broken = ["c", "d"];
    let databases: MysqlTestDatabase[] = [];
    let project: FleetProject;
    let version = "v1";
    const options = (name: string) => ({ type: "mariadb", ...databases[names.indexOf(name)].options });
    const on = <T>(name: string, work: (dataSource: DataSource) => Promise<T>) => onDatabase(options(name), work);
    const writeTargets = (count: number) =>
        project.writeConfig({
            shop: {
                dataSource: "./blog-mariadb.js",
                targets: databases
                    .slice(0, count)
                    .map((db, i) => ({ name: names[i], url: `mariadb://${db.options.username}@${db.options.host}:${db.options.port}/${db.name}` })),
            },
        });
    const cli = (...args: string[]) => project.cli(args, { FLEET_BLOG_VERSION: version });

    before(async () => {
        databases = await Promise.all(names.map(() => createMysqlDatabase()));
        project = fleetProject(() => ({}));
        project.writeFile("blog-mariadb.js", blogDataSourceModule("mariadb"));
        // The fifth target joins later, at the base.
        writeTargets(4);
        expect(cli("generate", "-m", "Initial").status).to.equal(0);
        const first = cli("upgrade", "--parallel", "2");
        expect(first.status, first.stderr).to.equal(0);
        for (const name of names.slice(0, 4)) {
            await on(name, async (ds) => {
                await ds.query(`INSERT INTO user (email, displayName) VALUES ('owner@${name}', 'Owner')`);
                await ds.query(`INSERT INTO post (title, body, authorId) VALUES ('Hello ${name}', 'x', 1)`);
            });
        }
        version = "v2";
        expect(cli("generate", "-m", "Added new fields").status).to.equal(0);
        // v2 adds user.bio after three statements that MariaDB commits one by one: these two fail there.
        for (const name of broken) await on(name, (ds) => ds.query("ALTER TABLE user ADD bio text NULL"));
    });
    after(async () => {
        await Promise.all(databases.map((db) => db.drop()));
        project?.remove();
    });

    it("upgrade fails on the two, which stay dirty; a plain rerun refuses them and passes over the others", async () => {
        const run = cli("upgrade", "--parallel", "2");
        expect(run.status, run.stderr).to.equal(3);
        const summary = summaryOf(run.stdout);
        expect(targetsWith(summary, "upgraded (1 migration(s))")).to.deep.equal(["a", "b"]);
        expect(targetsWith(summary, "FAILED")).to.deep.equal(broken);
        expect(run.stderr).to.include("2 target(s) failed or were not started: c, d");

        const again = cli("upgrade", "--json");
        expect(again.status, again.stderr).to.equal(3);
        const targets = jsonTargets(again.stdout);
        for (const target of targets) {
            if (broken.includes(target.target))
                expect(target.error, target.target).to.match(/the database is dirty: upgrade of \w+ \(AddedNewFields\d+\) failed at ALTER TABLE `user` ADD/);
            else expect(target.status, target.target).to.equal("already there");
        }
    });

    it("after the conflict is removed, upgrade --resume finishes the two, upgrades a new target from the base and passes over the rest", async () => {
        for (const name of broken) await on(name, (ds) => ds.query("ALTER TABLE user DROP COLUMN bio"));
        writeTargets(5);
        const run = cli("upgrade", "--resume", "--parallel", "2");
        expect(run.status, run.stderr).to.equal(0);
        const summary = summaryOf(run.stdout);
        expect(targetsWith(summary, "already there")).to.deep.equal(["a", "b"]);
        expect(targetsWith(summary, "upgraded (1 migration(s))")).to.deep.equal(broken);
        expect(targetsWith(summary, "upgraded (2 migration(s))")).to.deep.equal(["e"]);

        const current = cli("current", "--json");
        expect(current.status, current.stderr).to.equal(0);
        expect(jsonTargets(current.stdout).map((t) => [t.target, t.status])).to.deep.equal(names.map((name) => [name, "at head"]));
        for (const name of names.slice(0, 4)) {
            const rows: unknown = await on(name, (ds) => ds.query("SELECT u.email, p.title, p.viewCount FROM user u JOIN post p ON p.authorId = u.id"));
            expect(rows, name).to.deep.equal([{ email: `owner@${name}`, title: `Hello ${name}`, viewCount: 0 }]);
        }
        await expectSynchronized(
            mariadbHarness,
            blogV2,
            names.map((name) => [name, options(name)]),
        );
    });
});

/**
 * Ctrl-C during a fleet run: the target under way finishes, nothing more starts, exit 130 naming
 * what was not done; a rerun finishes. The first revision waits on an advisory lock the test holds
 * in every target, so the interrupt lands while exactly one target is under way.
 */
describe("Ctrl-C during a fleet upgrade (PostgreSQL databases)", function () {
    this.timeout(120000);
    const count = 6;
    let databases: PostgresTestDatabase[] = [];
    let project: FleetProject;
    const name = (db: PostgresTestDatabase) => `${db.options.host}:${db.options.port}/${db.name}`;
    const tablesOf = (db: PostgresTestDatabase) =>
        onDatabase(db.options, async (ds) =>
            (await ds.query<{ table_name: string }[]>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map(
                (row) => row.table_name,
            ),
        );

    before(async () => {
        databases = await Promise.all(Array.from({ length: count }, () => createPostgresDatabase()));
        project = fleetProject(() => ({}));
        project.writeFile("blog-postgres.js", blogDataSourceModule("postgres"));
        project.writeConfig({ blog: { dataSource: "./blog-postgres.js", targets: databases.map((db) => db.url) } });
        expect(project.cli(["generate", "-m", "Initial"]).status).to.equal(0);
        // The migration waits until the test lets it go on.
        const dir = join(project.cwd, "migrations");
        const file = join(dir, readdirSync(dir, { recursive: true, encoding: "utf8" }).find((f) => f.endsWith(".ts")) ?? "");
        const source = readFileSync(file, "utf8");
        const bodyStart = source.indexOf("{", source.indexOf("public async up(")) + 1;
        writeFileSync(file, `${source.slice(0, bodyStart)}\n        await queryRunner.query("SELECT pg_advisory_xact_lock(4242)");${source.slice(bodyStart)}`);
    });
    after(async () => {
        await Promise.all(databases.map((db) => db.drop()));
        project?.remove();
    });

    it("exits 130 once the target under way is done, starts no other; a rerun upgrades the rest", async () => {
        const holders = databases.map((db) => new Client({ connectionString: db.url }));
        for (const holder of holders) {
            await holder.connect();
            await holder.query("SELECT pg_advisory_lock(4242)");
        }
        const waitingIn = async () =>
            (
                await holders[0].query<{ datname: string }>(
                    "SELECT d.datname FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND NOT l.granted",
                )
            ).rows.map((row) => row.datname);
        let finished;
        try {
            const run = project.start(["upgrade", "--parallel", "1"]);
            await waitUntil("a target's migration waits on the lock", async () => (await waitingIn()).length > 0);
            const [underWay] = await waitingIn();
            run.child.kill("SIGINT");
            await waitUntil("the CLI took the interrupt", async () => (await run.output()).includes("Interrupted:"));
            for (const holder of holders) await holder.query("SELECT pg_advisory_unlock(4242)");
            finished = await run.finished;
            const summary = summaryOf(finished.stdout);
            expect(finished.status, finished.stderr).to.equal(130);
            expect(finished.stdout).to.include("Interrupted: the migration under way completes or rolls back, nothing more runs");
            const underWayName = name(databases.find((db) => db.name === underWay) as PostgresTestDatabase);
            expect(targetsWith(summary, "upgraded (1 migration(s))"), finished.stdout).to.deep.equal([underWayName]);
            const notStarted = databases.map(name).filter((target) => target !== underWayName);
            expect(targetsWith(summary, "not started"), finished.stdout).to.deep.equal(notStarted.sort());
            expect(finished.stderr).to.include(`interrupted: ${count - 1} target(s) failed or were not started`);
            expect(progressOf(finished.stdout).map((line) => line.target)).to.deep.equal([underWayName]);
            for (const db of databases) {
                const tables = await tablesOf(db);
                if (db.name === underWay) expect(tables, name(db)).to.include.members(["migrations", "user", "post"]);
                else expect(tables, name(db)).to.deep.equal([]);
            }
        } finally {
            await Promise.all(holders.map((holder) => holder.end()));
        }
        const upgraded = targetsWith(summaryOf(finished.stdout), "upgraded (1 migration(s))");
        const notDone = targetsWith(summaryOf(finished.stdout), "not started");
        const rerun = project.cli(["upgrade", "--parallel", "3"]);
        expect(rerun.status, rerun.stderr).to.equal(0);
        const after = summaryOf(rerun.stdout);
        expect(targetsWith(after, "already there")).to.deep.equal(upgraded);
        expect(targetsWith(after, "upgraded (1 migration(s))")).to.deep.equal(notDone);
        await expectSynchronized(
            postgresHarness,
            blogV1,
            databases.map((db) => [name(db), db.options]),
        );
    });
});
