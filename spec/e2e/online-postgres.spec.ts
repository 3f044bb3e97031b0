import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { EntityClass } from "../../fixtures/entity-class";
import { Ticket1, Ticket2, v1, v2 } from "../../fixtures/online/entities";
import { readSchema } from "../../lib/entities/read-schema";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { diffCatalogs } from "../support/catalog/compare";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { connectForMigrations, postgresHarness, synchronizedCatalog } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

// `generate --online` on PostgreSQL: the migration is applied while another connection keeps
// inserting and updating rows, and ends where synchronize() does; a failed concurrent build is
// recovered. spec/dialects/postgres-online.spec.ts asserts the statements one by one.

const build = (entities: EntityClass[]) => (options: FixtureDataSourceOptions) => buildBlogDataSource(entities, options);
const ROWS = 3000;

/** A scratch database and migrations folder for one describe block, removed after it. */
function scratch(entities: EntityClass[]) {
    const bind = {} as { db: PostgresTestDatabase; dataSource: DataSource; dir: string; runner: () => Runner };
    bind.runner = () => new Runner(bind.dataSource, RevisionStore.open(bind.dir));
    before(async () => {
        bind.db = await createPostgresDatabase();
        bind.dir = mkdtempSync(join(tmpdir(), "tm-online-"));
        bind.dataSource = await connectForMigrations(build(entities)({ ...bind.db.options }));
    });
    after(async () => {
        if (bind.dataSource?.isInitialized) await bind.dataSource.destroy();
        await bind.db?.drop();
        if (bind.dir) rmSync(bind.dir, { recursive: true, force: true });
    });
    return bind;
}

/** Inserts a member and updates another, one transaction each, until stopped; counts commits and keeps every error. */
class Writer {
    readonly errors: Error[] = [];
    commits = 0;
    private stopped = false;
    private done: Promise<void> = Promise.resolve();

    constructor(private readonly client: Client) {}

    start(firstId: number): void {
        this.done = (async () => {
            for (let id = firstId; !this.stopped; id++) {
                try {
                    await this.client.query("BEGIN");
                    await this.client.query(`INSERT INTO "member" ("id", "teamId", "score", "email", "code") VALUES ($1, $2, $3, $4, $5)`, [
                        id,
                        (id % 10) + 1,
                        id % 100,
                        `w${id}@example.com`,
                        `w-${id}`,
                    ]);
                    await this.client.query(`UPDATE "member" SET "score" = "score" + 1 WHERE "id" = $1`, [id % ROWS]);
                    await this.client.query("COMMIT");
                    this.commits++;
                } catch (error) {
                    this.errors.push(error as Error);
                    await this.client.query("ROLLBACK").catch(() => undefined);
                }
            }
        })();
    }

    async stop(): Promise<void> {
        this.stopped = true;
        await this.done;
    }
}

describe("generate --online on PostgreSQL: an index, a foreign key, a check, a NOT NULL and a unique under a concurrent writer", () => {
    const bind = scratch(v2);
    let file: string;
    let text: string;

    before(async () => {
        const { db, dir } = bind;
        await generateFor(dir, build(v1)(db.options), { message: "members", revisionId: "onln0001", timestamp: 1764000000000 });
        expect((await bind.runner().upgrade("onln0001")).map((r) => r.status)).to.deep.equal(["applied"]);
        await bind.dataSource.query(`INSERT INTO "team" ("id") SELECT g FROM generate_series(1, 10) g`);
        await bind.dataSource.query(
            `INSERT INTO "member" ("id", "teamId", "score", "email", "code") ` +
                `SELECT g, (g % 10) + 1, g % 50, CASE WHEN g % 3 = 0 THEN NULL ELSE 'm' || g || '@example.com' END, 'm-' || g FROM generate_series(0, ${ROWS - 1}) g`,
        );
        file = (await generateFor(dir, build(v2)(db.options), {
            message: "online",
            revisionId: "onln0002",
            timestamp: 1764000001000,
            online: true,
            backfills: [{ table: { schema: "public", table: "member" }, column: "email", value: "'unknown'" }],
        })) as string;
        text = readFileSync(file, "utf8");
    });

    it("writes the lock-friendly forms, outside a transaction", () => {
        expect(text).to.match(/transaction = false/);
        for (const form of [
            `DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_member_score"`,
            `CREATE INDEX CONCURRENTLY "IDX_member_score" ON "public"."member" ("score")`,
            `ADD CONSTRAINT "FK_member_team" FOREIGN KEY ("teamId") REFERENCES "public"."team"("id") ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID`,
            `VALIDATE CONSTRAINT "FK_member_team"`,
            `ADD CONSTRAINT "CHK_member_score" CHECK ("score" >= 0) NOT VALID`,
            `VALIDATE CONSTRAINT "CHK_member_score"`,
            `CHECK ("email" IS NOT NULL) NOT VALID`,
            `ALTER COLUMN "email" SET NOT NULL`,
            `CREATE UNIQUE INDEX CONCURRENTLY "UQ_member_code" ON "public"."member" ("code")`,
            `ADD CONSTRAINT "UQ_member_code" UNIQUE USING INDEX "UQ_member_code"`,
        ]) {
            expect(text).to.include(form);
        }
        expect(text).to.not.include(`CREATE INDEX "IDX_member_score"`);
    });

    it("upgrades while the writer keeps committing; the database is what synchronize() builds and check is clean", async () => {
        const client = new Client({ connectionString: bind.db.url });
        await client.connect();
        const writer = new Writer(client);
        try {
            writer.start(100000);
            while (writer.commits < 20) await new Promise((resolve) => setTimeout(resolve, 10));
            const before = writer.commits;
            const results = await bind.runner().upgrade("onln0002");
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            const during = writer.commits - before;
            await new Promise((resolve) => setTimeout(resolve, 50));
            await writer.stop();
            expect(writer.errors.map((e) => e.message)).to.deep.equal([]);
            expect(during).to.be.greaterThan(0);
        } finally {
            await writer.stop();
            await client.end();
        }
        expect(
            diffCatalogs(await synchronizedCatalog(postgresHarness, build(v2)), await postgresHarness.dump(bind.dataSource), {
                a: "synchronize()",
                b: "online migration",
            }),
        ).to.deep.equal([]);
        expect(pendingChanges(RevisionStore.open(bind.dir), await readSchema(build(v2)(bind.db.options))).ops).to.deep.equal([]);
        const [{ nulls, total }] = await bind.dataSource.query<{ nulls: number; total: number }[]>(
            `SELECT count(*) FILTER (WHERE "email" = 'unknown')::int AS nulls, count(*)::int AS total FROM "member"`,
        );
        expect(nulls).to.equal(ROWS / 3);
        expect(total).to.be.greaterThan(ROWS);
    });

    it("downgrades to the previous catalog, rows kept", async () => {
        const count = async () => (await bind.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "member"`))[0].n;
        const rowsBefore = await count();
        const results = await bind.runner().downgrade("onln0001");
        expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
        expect(
            diffCatalogs(await synchronizedCatalog(postgresHarness, build(v1)), await postgresHarness.dump(bind.dataSource), {
                a: "synchronize()",
                b: "after downgrade",
            }),
        ).to.deep.equal([]);
        expect(await count()).to.equal(rowsBefore);
    });
});

describe("generate --online on PostgreSQL: a concurrent unique build that fails", () => {
    const bind = scratch([Ticket2]);

    it("a failed concurrent build leaves the bind dirty with an INVALID index; once the rows are fixed, --resume completes it", async () => {
        const { db, dir } = bind;
        await generateFor(dir, build([Ticket1])(db.options), { message: "tickets", revisionId: "tick0001", timestamp: 1764000000000 });
        expect((await bind.runner().upgrade("tick0001")).map((r) => r.status)).to.deep.equal(["applied"]);
        await bind.dataSource.query(`INSERT INTO "ticket" ("id", "ref") SELECT g, 'r-' || g FROM generate_series(1, 2000) g`);
        await generateFor(dir, build([Ticket2])(db.options), { message: "unique", revisionId: "tick0002", timestamp: 1764000001000, online: true });

        // A duplicate inserted but not committed when the migration's data checks look: the build
        // waits for its transaction, then finds it.
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
            await client.query("BEGIN");
            await client.query(`INSERT INTO "ticket" ("id", "ref") VALUES (5000, 'r-1')`);
            const upgrade = bind.runner().upgrade("tick0002");
            await waitFor(bind.dataSource, `CREATE UNIQUE INDEX CONCURRENTLY%`);
            await client.query("COMMIT");
            const [failed] = await upgrade;
            expect(failed.status).to.equal("failed");
            expect(failed.error?.message).to.match(/could not create unique index/);
        } finally {
            await client.end();
        }
        expect(await bind.runner().dirty()).to.not.equal(null);
        const valid = async () =>
            await bind.dataSource.query<{ valid: boolean }[]>(`SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = '"UQ_ticket_ref"'::regclass`);
        expect(await valid()).to.deep.equal([{ valid: false }]);

        await bind.dataSource.query(`DELETE FROM "ticket" WHERE "id" = 5000`);
        // --resume skips what applied and sends the failed build again, after dropping the INVALID index it left.
        expect((await bind.runner().upgrade("tick0002", undefined, { resume: true })).map((r) => [r.status, r.error?.message])).to.deep.equal([
            ["applied", undefined],
        ]);
        expect(await bind.runner().dirty()).to.equal(null);
        expect(await valid()).to.deep.equal([{ valid: true }]);
        expect(
            diffCatalogs(await synchronizedCatalog(postgresHarness, build([Ticket2])), await postgresHarness.dump(bind.dataSource), {
                a: "synchronize()",
                b: "recovered migration",
            }),
        ).to.deep.equal([]);
    });
});

/** Waits until another session runs a statement like `pattern` and waits on a lock. */
async function waitFor(dataSource: DataSource, pattern: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
        const rows: unknown[] = await dataSource.query(
            `SELECT 1 FROM pg_stat_activity WHERE query LIKE $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
            [pattern],
        );
        if (rows.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no session ran ${pattern}`);
}
