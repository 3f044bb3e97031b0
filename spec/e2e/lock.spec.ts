import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { analyticsDataSource } from "../../fixtures/blog/analytics/v1";
import { blogVersions } from "../../fixtures/blog/versions";
import { connectForMigrations } from "../../lib/runner/connect";
import { mysqlLockName } from "../../lib/dialects/mysql/lock";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { createMysqlDatabase, createPostgresDatabase } from "../support/databases";
import { generateFor } from "../support/generate";

interface LockCase {
    readonly server: string;
    /** A scratch database and a way to build the fixture's data source on it. */
    create(): Promise<{ build(): DataSource; drop(): Promise<void> }>;
    readonly sleep: string;
    /** How many migration locks the server still holds once both runs are over. */
    locksHeld(dataSource: DataSource): Promise<number>;
}

const cases: readonly LockCase[] = [
    {
        server: "PostgreSQL",
        async create() {
            const db = await createPostgresDatabase();
            return { build: () => blogVersions[0].dataSource({ ...db.options, type: "postgres" }), drop: () => db.drop() };
        },
        sleep: "SELECT pg_sleep(1)",
        locksHeld: async (ds) =>
            (
                await ds.query<{ locks: number }[]>(
                    `SELECT count(*)::int AS "locks" FROM pg_locks WHERE "locktype" = 'advisory' AND "database" = (SELECT oid FROM pg_database WHERE datname = current_database())`,
                )
            )[0].locks,
    },
    {
        server: "MariaDB",
        async create() {
            const db = await createMysqlDatabase();
            return { build: () => analyticsDataSource({ ...db.options, type: "mariadb" }), drop: () => db.drop() };
        },
        sleep: "SELECT SLEEP(1)",
        locksHeld: async (ds) => {
            const [{ holder }] = await ds.query<{ holder: unknown }[]>("SELECT IS_USED_LOCK(?) AS holder", [mysqlLockName(String(ds.options.database))]);
            return holder === null ? 0 : 1;
        },
    },
];

for (const lockCase of cases) {
    describe(`two deployers upgrading one ${lockCase.server} database at once`, () => {
        let db: { build(): DataSource; drop(): Promise<void> };
        let dir: string;
        const connections: DataSource[] = [];

        before(async () => {
            db = await lockCase.create();
            dir = mkdtempSync(join(tmpdir(), "tm-lock-"));
            await generateFor(dir, db.build(), { message: "slow", revisionId: "lock0001", timestamp: 1764000000000 });
            // Make the migration slow enough that the second deployer arrives while it runs.
            const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".ts")) as string);
            writeFileSync(
                file,
                readFileSync(file, "utf8").replace(
                    "public async up(queryRunner: QueryRunner): Promise<void> {",
                    `public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(\`${lockCase.sleep}\`);`,
                ),
            );
            for (let i = 0; i < 2; i++) connections.push(await connectForMigrations(db.build()));
        });
        after(async () => {
            for (const connection of connections) if (connection.isInitialized) await connection.destroy();
            await db?.drop();
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        it("the second waits for the first's lock, then finds the migration applied and runs nothing", async () => {
            const [first, second] = await Promise.all(connections.map((connection) => new Runner(connection, RevisionStore.open(dir)).upgrade("lock0001")));
            const applied = [...first, ...second].map((r) => [r.status, r.error?.message]);
            expect(applied).to.deep.equal([["applied", undefined]]);
            expect(await connections[0].query("SELECT name FROM migrations")).to.have.length(1);
            expect(await lockCase.locksHeld(connections[0])).to.equal(0);
        });
    });
}
