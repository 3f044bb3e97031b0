import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { blogVersions } from "../../fixtures/blog/versions";
import { connectForMigrations } from "../../lib/runner/connect";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { postgresHarness, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

describe("two deployers upgrading one PostgreSQL database at once", () => {
    let db: ScratchDatabase;
    let dir: string;
    const connections: DataSource[] = [];

    before(async () => {
        db = await postgresHarness.createDatabase();
        dir = mkdtempSync(join(tmpdir(), "tm-lock-"));
        await generateFor(dir, blogVersions[0].dataSource(db.options), { message: "slow", revisionId: "lock0001", timestamp: 1764000000000 });
        // Make the migration slow enough that the second deployer arrives while it runs.
        const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".ts")) as string);
        writeFileSync(file, readFileSync(file, "utf8").replace(
            "public async up(queryRunner: QueryRunner): Promise<void> {",
            "public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(`SELECT pg_sleep(1)`);",
        ));
        for (let i = 0; i < 2; i++) connections.push(await connectForMigrations(blogVersions[0].dataSource(db.options)));
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
        expect(await connections[0].query(`SELECT "name" FROM "migrations"`)).to.have.length(1);
        expect(await connections[0].query(`SELECT count(*)::int AS "locks" FROM pg_locks WHERE "locktype" = 'advisory' AND "database" = (SELECT oid FROM pg_database WHERE datname = current_database())`)).to.deep.equal([{ locks: 0 }]);
    });
});
