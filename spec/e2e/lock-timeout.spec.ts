import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { EntityClass } from "../../fixtures/entity-class";
import { v1, v2 } from "../../fixtures/online/entities";
import { Runner, type MigrationResult } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { diffCatalogs } from "../support/catalog/compare";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { connectForMigrations, postgresHarness, synchronizedCatalog } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

// An online migration (no transaction) run with a statement lock timeout on PostgreSQL: a statement
// that cannot take its lock gives up after lock_timeout, so the application's writes queued behind
// it go on, and it is sent again after a backoff. A blocker holds a SHARE lock on "team", which the
// migration's ADD FOREIGN KEY ... NOT VALID (SHARE ROW EXCLUSIVE on "member" and "team") waits for.

const build = (entities: EntityClass[]) => (options: FixtureDataSourceOptions) => buildBlogDataSource(entities, options);
const ADD_FOREIGN_KEY = `%ADD CONSTRAINT "FK_member_team"%NOT VALID%`;

/** A database with rows at v1 and the online migration to v2 generated, for one describe block. */
function scratch() {
    const bind = {} as { db: PostgresTestDatabase; dataSource: DataSource; dir: string; runner: () => Runner };
    bind.runner = () => new Runner(bind.dataSource, RevisionStore.open(bind.dir));
    before(async () => {
        bind.db = await createPostgresDatabase();
        bind.dir = mkdtempSync(join(tmpdir(), "tm-lock-timeout-"));
        bind.dataSource = await connectForMigrations(build(v2)({ ...bind.db.options }));
        const { db, dir } = bind;
        await generateFor(dir, build(v1)(db.options), { message: "members", revisionId: "lock0001", timestamp: 1764000000000 });
        expect((await bind.runner().upgrade("lock0001")).map((r) => r.status)).to.deep.equal(["applied"]);
        await bind.dataSource.query(`INSERT INTO "team" ("id") SELECT g FROM generate_series(1, 10) g`);
        await bind.dataSource.query(
            `INSERT INTO "member" ("id", "teamId", "score", "email", "code") SELECT g, (g % 10) + 1, g % 50, 'm' || g || '@example.com', 'm-' || g FROM generate_series(0, 499) g`,
        );
        await generateFor(dir, build(v2)(db.options), {
            message: "online",
            revisionId: "lock0002",
            timestamp: 1764000001000,
            online: true,
            backfills: [{ table: { schema: "public", table: "member" }, column: "email", value: "'unknown'" }],
        });
    });
    after(async () => {
        if (bind.dataSource?.isInitialized) await bind.dataSource.destroy();
        await bind.db?.drop();
        if (bind.dir) rmSync(bind.dir, { recursive: true, force: true });
    });
    return bind;
}

/** A session holding a SHARE lock on "team" until `release()`. */
async function blocker(url: string): Promise<{ client: Client; release: () => Promise<void> }> {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query("BEGIN");
    await client.query(`LOCK TABLE "team" IN SHARE MODE`);
    let released = false;
    return {
        client,
        release: async () => {
            if (released) return;
            released = true;
            await client.query("COMMIT");
            await client.end();
        },
    };
}

async function expectSynchronized(bind: { dataSource: DataSource }, b: string): Promise<void> {
    expect(
        diffCatalogs(await synchronizedCatalog(postgresHarness, build(v2)), await postgresHarness.dump(bind.dataSource), { a: "synchronize()", b }),
    ).to.deep.equal([]);
}

describe("upgrade with a statement lock timeout on PostgreSQL: a blocked statement waits in line briefly and is retried", () => {
    const bind = scratch();

    it("applies once the blocker lets go; meanwhile an insert into the table waits no longer than about the lock timeout", async () => {
        const held = await blocker(bind.db.url);
        const inserter = new Client({ connectionString: bind.db.url });
        await inserter.connect();
        try {
            const started = Date.now();
            const upgrade = bind.runner().upgrade("lock0002", undefined, { statementLockTimeoutMs: 200, statementLockRetries: 5 });
            await waitFor(bind.dataSource, ADD_FOREIGN_KEY);
            // The ALTER holds SHARE ROW EXCLUSIVE on "member" while it waits for "team": without a lock
            // timeout this insert would wait until the blocker commits (seconds from now).
            const before = Date.now();
            await inserter.query(`INSERT INTO "member" ("id", "teamId", "score", "email", "code") VALUES (9000, 1, 1, 'x@example.com', 'x-9000')`);
            const insertWaited = Date.now() - before;
            let finished = false;
            const settle = () => (finished = true);
            upgrade.then(settle, settle);
            await sleep(Math.max(0, started + 2500 - Date.now()));
            // Still retrying after several timeouts: it had not given up, nor got past the blocker.
            expect(finished).to.equal(false);
            await held.release();
            const results = await upgrade;
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            expect(insertWaited).to.be.lessThan(1000);
        } finally {
            await held.release();
            await inserter.end();
        }
        expect(await bind.runner().dirty()).to.equal(null);
        await expectSynchronized(bind, "online migration under a lock timeout");
        // The session's lock_timeout is reset after the migration.
        const [{ lock_timeout }] = await bind.dataSource.query<{ lock_timeout: string }[]>(`SHOW lock_timeout`);
        expect(lock_timeout).to.equal("0");
    });
});

describe("upgrade with a statement lock timeout on PostgreSQL: a blocker that outlasts every retry", () => {
    const bind = scratch();

    it("fails naming lock_timeout and the tries, leaves the bind dirty; --resume completes it once the blocker is gone", async () => {
        const held = await blocker(bind.db.url);
        let failed: MigrationResult | undefined;
        try {
            [failed] = await bind.runner().upgrade("lock0002", undefined, { statementLockTimeoutMs: 100, statementLockRetries: 2 });
        } finally {
            await held.release();
        }
        if (failed === undefined) throw new Error("no result");
        expect(failed.status).to.equal("failed");
        expect(failed.error?.message).to.match(/FK_member_team.* timed out waiting for a lock on every try \(lock_timeout 100 ms, 3 tries\)/);
        expect(failed.leaves).to.equal("dirty");
        const dirty = await bind.runner().dirty();
        expect(dirty?.stoppedAt?.state).to.equal("failed");
        expect(dirty?.stoppedAt?.statement).to.include(`ADD CONSTRAINT "FK_member_team"`);
        // One journal row for the statement, however many times it was sent.
        expect(dirty?.statements.filter((s) => s.statement.includes(`ADD CONSTRAINT "FK_member_team"`) && s.statement.includes("NOT VALID"))).to.have.length(1);

        const resumed = await bind.runner().upgrade("lock0002", undefined, { resume: true, statementLockTimeoutMs: 100 });
        expect(resumed.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
        expect(await bind.runner().dirty()).to.equal(null);
        await expectSynchronized(bind, "resumed online migration");
    });
});

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waiting(dataSource: DataSource, pattern: string): Promise<boolean> {
    const rows: unknown[] = await dataSource.query(
        `SELECT 1 FROM pg_stat_activity WHERE query LIKE $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        [pattern],
    );
    return rows.length > 0;
}

/** Waits until another session runs a statement like `pattern` and waits on a lock. */
async function waitFor(dataSource: DataSource, pattern: string): Promise<void> {
    for (let i = 0; i < 1000; i++) {
        if (await waiting(dataSource, pattern)) return;
        await sleep(5);
    }
    throw new Error(`no session ran ${pattern}`);
}
