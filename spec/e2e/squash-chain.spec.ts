import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { chainDataSource, chainLength } from "../../fixtures/squash/chain";
import { readSchema } from "../../lib/entities/read-schema";
import { planRevision } from "../../lib/generate/plan-revision";
import { planSquash } from "../../lib/generate/plan-squash";
import { writeRevision } from "../../lib/generate/write-revision";
import type { MigrationFileFormat } from "../../lib/render/migration-file";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, mariadbHarness, postgresHarness, sqliteHarness, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";
import { distRoot, repoRoot } from "../support/run-cli";

// CommonJS files: our runner and TypeORM's CLI load the same migrations without compiling them.
const javascript: MigrationFileFormat = { extension: ".js", module: "commonjs" };
const stepId = (k: number) => `step${String(k).padStart(2, "0")}`;
const squashId = "squash30";
const middle = 15;

interface Database {
    readonly scratch: ScratchDatabase;
    readonly dataSource: DataSource;
}

/**
 * A 30-revision chain squashed into one (base:head) while three databases wait: one fresh, one at
 * head before the squash, one at revision 15. Each ends equal to what synchronize() builds from the
 * head entities, with its rows, and TypeORM's own `migration:show` agrees with ours about it.
 */
for (const harness of [postgresHarness, mariadbHarness, sqliteHarness]) {
    describe(`squash a ${chainLength}-revision chain on ${harness.name}`, () => {
        let cwd: string;
        let dir: string;
        let fresh: Database;
        let atHead: Database;
        let atMiddle: Database;
        let emptyCatalog: Catalog;
        let synced: Catalog;
        const store = () => RevisionStore.open(dir);
        const runner = (db: Database) => new Runner(db.dataSource, store());
        const current = async (db: Database) => store().graph.currentHeads((await runner(db).state()).applied);
        const e = (db: Database, name: string) => db.dataSource.driver.escape(name);
        const names = async (db: Database) =>
            (await db.dataSource.query<{ name: string }[]>(`SELECT ${e(db, "name")} FROM ${e(db, "gadget")} ORDER BY ${e(db, "name")}`)).map((r) => r.name);
        const parts = async (db: Database) => Number((await db.dataSource.query<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM ${e(db, "part")}`))[0].n);
        const addRows = async (db: Database, name: string) => {
            await db.dataSource.query(`INSERT INTO ${e(db, "gadget")} (${e(db, "name")}) VALUES ('${name}')`);
            await db.dataSource.query(`INSERT INTO ${e(db, "part")} (${e(db, "gadgetId")}) SELECT ${e(db, "id")} FROM ${e(db, "gadget")}`);
        };
        const expectSynchronized = async (db: Database, label: string) => {
            expect(diffCatalogs(synced, await harness.dump(db.dataSource), { a: "synchronize()", b: label })).to.deep.equal([]);
        };
        /** TypeORM's own CLI on the database: which migrations it lists as run and as pending. */
        const typeormShow = (db: Database) => {
            const result = spawnSync(
                process.execPath,
                [join(repoRoot, "node_modules", "typeorm", "cli.js"), "migration:show", "-d", join(cwd, "typeorm-data-source.js")],
                {
                    cwd,
                    encoding: "utf8",
                    env: { ...process.env, SQUASH_DB: JSON.stringify(db.scratch.options) },
                },
            );
            const output = result.stdout + result.stderr;
            return { output, run: (output.match(/\[X\]/g) ?? []).length, pending: (output.match(/\[ \]/g) ?? []).length };
        };
        const open = async (): Promise<Database> => {
            const scratch = await harness.createDatabase();
            return { scratch, dataSource: await connectForMigrations(chainDataSource(chainLength, scratch.options)) };
        };

        before(async function () {
            this.timeout(240_000);
            cwd = mkdtempSync(join(tmpdir(), "tm-squash-"));
            dir = join(cwd, "migrations");
            [fresh, atHead, atMiddle] = await Promise.all([open(), open(), open()]);
            for (let k = 1; k <= chainLength; k++) {
                const entities = await readSchema(chainDataSource(k, fresh.scratch.options));
                const timestamp = 1764000000000 + k * 1000;
                const planned = planRevision(store(), entities, { message: `step ${k}`, bind: "default", revisionId: stepId(k), timestamp, now: timestamp });
                expect(planned, stepId(k)).to.not.equal(null);
                writeRevision(dir, planned as NonNullable<typeof planned>, javascript);
            }
            emptyCatalog = await harness.dump(fresh.dataSource);
            expect((await runner(atHead).upgrade(stepId(chainLength))).map((r) => r.status)).to.have.length(chainLength);
            await addRows(atHead, "before the squash, at head");
            expect(await runner(atMiddle).upgrade(stepId(middle))).to.have.length(middle);
            await addRows(atMiddle, "before the squash, at 15");
            const squash = await planSquash(store(), `base:${stepId(chainLength)}`, {
                message: "squashed",
                bind: "default",
                revisionId: squashId,
                timestamp: 1764000100000,
                now: 1764000100000,
            });
            writeRevision(dir, squash, javascript);
            synced = await synchronizedCatalog(harness, (options) => chainDataSource(chainLength, options));
            writeFileSync(
                join(cwd, "typeorm-data-source.js"),
                `const { chainDataSource } = require(${JSON.stringify(join(distRoot, "fixtures", "squash", "chain"))});\n` +
                    `module.exports = { default: chainDataSource(${chainLength}, { ...JSON.parse(process.env.SQUASH_DB), migrations: [${JSON.stringify(join(dir, "*.js"))}] }) };\n`,
            );
        });
        after(async () => {
            for (const db of [fresh, atHead, atMiddle]) {
                if (db?.dataSource.isInitialized) await db.dataSource.destroy();
                await db?.scratch.drop();
            }
            if (cwd) rmSync(cwd, { recursive: true, force: true });
        });

        it("a fresh database runs the squashed migration only, and TypeORM lists every migration run", async () => {
            const results = await runner(fresh).upgrade(store().graph.head());
            expect(results.map((r) => [r.revision, r.status, r.error?.message])).to.deep.equal([[squashId, "applied", undefined]]);
            await expectSynchronized(fresh, "fresh database, squashed migration");
            await addRows(fresh, "after the squash");
            expect(await names(fresh)).to.deep.equal(["after the squash"]);
            expect(await current(fresh)).to.deep.equal([squashId]);
            const show = typeormShow(fresh);
            expect(show, show.output).to.include({ run: chainLength + 1, pending: 0 });
        });

        it("a database at head before the squash runs nothing: it is at the squash, recorded for TypeORM too", async () => {
            expect(await current(atHead)).to.deep.equal([squashId]);
            expect(await runner(atHead).upgrade(store().graph.head())).to.deep.equal([]);
            expect(await current(atHead)).to.deep.equal([squashId]);
            await expectSynchronized(atHead, "database at head before the squash");
            expect(await names(atHead)).to.deep.equal(["before the squash, at head"]);
            expect(await parts(atHead)).to.equal(1);
            const show = typeormShow(atHead);
            expect(show, show.output).to.include({ run: chainLength + 1, pending: 0 });
        });

        it("a database at revision 15 goes on through the old files, then is at the squash", async () => {
            expect(await current(atMiddle)).to.deep.equal([stepId(middle)]);
            const results = await runner(atMiddle).upgrade(store().graph.head());
            expect(results.map((r) => r.revision)).to.deep.equal(Array.from({ length: chainLength - middle }, (_, i) => stepId(middle + 1 + i)));
            expect(results.every((r) => r.status === "applied")).to.equal(true);
            expect(await current(atMiddle)).to.deep.equal([squashId]);
            await expectSynchronized(atMiddle, "database at 15 before the squash");
            expect(await names(atMiddle)).to.deep.equal(["before the squash, at 15"]);
            expect(await parts(atMiddle)).to.equal(1);
            const show = typeormShow(atMiddle);
            expect(show, show.output).to.include({ run: chainLength + 1, pending: 0 });
        });

        it("downgrading the squash restores base, and TypeORM then lists every migration pending", async () => {
            const results = await runner(fresh).downgrade(null);
            expect(results.map((r) => [r.revision, r.status, r.error?.message])).to.deep.equal([[squashId, "reverted", undefined]]);
            expect(diffCatalogs(emptyCatalog, await harness.dump(fresh.dataSource), { a: "base", b: "after down" })).to.deep.equal([]);
            expect(await current(fresh)).to.deep.equal([]);
            const show = typeormShow(fresh);
            expect(show, show.output).to.include({ run: 0, pending: chainLength + 1 });
        });
    });
}
