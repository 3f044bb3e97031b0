import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { defaultSchemaOf, wholeZoo, zooSetDataSource, zooSetsFor, type ZooDataSourceOptions, type ZooSet } from "../../fixtures/zoo";
import { computedSourcesV1, computedSourcesV2 } from "../../fixtures/zoo/computed-sources";
import { enumViewV1, enumViewV2 } from "../../fixtures/zoo/enum-view";
import { namingRows, postgresSchemaRows, zooRows, type ZooRows } from "../../fixtures/zoo/rows";
import { wholeZooV2, zooV2SetsFor } from "../../fixtures/zoo/v2";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner, type MigrationResult } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, type DialectHarness, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";
import { synchronizedCatalogOf } from "../support/synchronized";

// Entity sets exercising many TypeORM features (fixtures/zoo), each generated from an empty
// migrations folder, upgraded, compared with what synchronize() builds, checked for no pending
// changes and downgraded back to an empty database.

/**
 * Catalog differences from synchronize() that are deliberate, by set name. With a data source
 * `schema` other than the connection's current schema, synchronize() records a generated column's
 * typeorm_metadata row under current_schema() ("public"), where TypeORM's own schema builder does not
 * look for it (it then drops and re-adds the column on every later synchronize). Migrations record
 * the table's schema, which TypeORM finds.
 */
const deliberateDifferences: Readonly<Record<string, RegExp>> = {
    "postgres: another default schema, pgcrypto":
        /^typeormMetadata zoo_app\.GENERATED_COLUMN\.<current database>\.(public\.zoo_s_ward\.rooms: only in synchronize\(\)|zoo_app\.zoo_s_ward\.rooms: only in migrations) /,
};

/** The catalogs differ in nothing but the set's deliberate differences (one row each way). */
function expectAsSynchronized(synchronized: Catalog, migrated: Catalog, set: ZooSet): void {
    const differences = diffCatalogs(synchronized, migrated, { a: "synchronize()", b: "migrations" });
    const deliberate = deliberateDifferences[set.name];
    expect(differences.filter((line) => deliberate === undefined || !deliberate.test(line))).to.deep.equal([]);
    if (deliberate !== undefined) expect(differences).to.have.length(2);
}

const driverOf = (harness: DialectHarness): ZooDataSourceOptions["type"] => (harness.name === "postgres" ? "postgres" : "better-sqlite3");

function describeSet(harness: DialectHarness, set: ZooSet): void {
    describe(`zoo on ${harness.name}: ${set.name}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let root: string;
        let dir: string;
        let empty: Catalog;
        const build = (options: ZooDataSourceOptions) => zooSetDataSource(set, options);

        before(async () => {
            db = await harness.createDatabase();
            root = mkdtempSync(join(tmpdir(), "tm-zoo-"));
            dir = join(root, "migrations", "default");
            dataSource = await connectForMigrations(build(db.options));
            const ownDefault = defaultSchemaOf(set);
            if (ownDefault !== undefined) await dataSource.query(`CREATE SCHEMA "${ownDefault}"`);
            empty = await harness.dump(dataSource);
        });

        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (root) rmSync(root, { recursive: true, force: true });
        });

        it("generate + upgrade from nothing builds what synchronize() builds, name for name", async () => {
            expect(await generateFor(dir, build(db.options), { message: set.name, revisionId: "zoo00001", timestamp: 1764000000000 })).to.be.a("string");
            const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade(RevisionStore.open(dir).graph.resolve("head"));
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            const synchronized = await synchronizedCatalogOf(harness, build, { schemas: set.schemas });
            expectAsSynchronized(synchronized, await harness.dump(dataSource), set);
        });

        it("after upgrade the differ reports no changes", async () => {
            expect(pendingChanges(RevisionStore.open(dir), await readSchema(build(db.options))).ops.map((op) => op.reasons)).to.deep.equal([]);
        });

        it("downgrade to base leaves the empty database", async () => {
            const results = await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null);
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
            expect(diffCatalogs(empty, await harness.dump(dataSource), { a: "empty", b: "after downgrade" })).to.deep.equal([]);
        });
    });
}

/** Two versions of an entity set, rows written into the first, and what must hold throughout. */
interface TwoSteps {
    readonly title: string;
    readonly v1: ZooSet;
    readonly v2: ZooSet;
    /** Rows for v1 and queries that must answer the same in v1, in v2 and after the down. */
    readonly rows: ZooRows;
    /**
     * A failure whose fix is known to belong elsewhere: when a migration fails with this message,
     * the rest of the scenario is reported pending with the reason instead of failing.
     */
}

function describeTwoSteps(harness: DialectHarness, steps: TwoSteps): void {
    const { v1, v2, rows } = steps;

    describe(`zoo on ${harness.name}: ${steps.title}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let root: string;
        let dir: string;
        let empty: Catalog;
        let v1Catalog: Catalog;
        let v1Answers: unknown[];
        const store = () => RevisionStore.open(dir);
        const runner = () => new Runner(dataSource, store());
        const probe = async () => Promise.all(rows.probes.map((sql) => dataSource.query(sql)));
        const compare = async (expected: Catalog, labels: { a: string; b: string }) =>
            expect(diffCatalogs(expected, await harness.dump(dataSource), labels)).to.deep.equal([]);
        const expectRun = (results: readonly MigrationResult[], status: string[]) =>
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal(status.map((s) => [s, undefined]));

        before(async () => {
            db = await harness.createDatabase();
            root = mkdtempSync(join(tmpdir(), "tm-zoo-steps-"));
            dir = join(root, "migrations", "default");
            dataSource = await connectForMigrations(zooSetDataSource(v1, db.options));
            const ownDefault = defaultSchemaOf(v1);
            if (ownDefault !== undefined) await dataSource.query(`CREATE SCHEMA "${ownDefault}"`);
            empty = await harness.dump(dataSource);
        });

        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (root) rmSync(root, { recursive: true, force: true });
        });

        it("v1 is generated and upgraded, and rows are written", async () => {
            await generateFor(dir, zooSetDataSource(v1, db.options), { message: "v1", revisionId: "zoo00001", timestamp: 1764000000000 });
            expectRun(await runner().upgrade("zoo00001"), ["applied"]);
            v1Catalog = await harness.dump(dataSource);
            for (const sql of rows.inserts) await dataSource.query(sql);
            v1Answers = await probe();
        });

        it("v2 upgrades in place: the rows survive, the catalog equals synchronize()'s, no changes are pending", async () => {
            await generateFor(dir, zooSetDataSource(v2, db.options), { message: "v2", revisionId: "zoo00002", timestamp: 1764000060000 });
            expectRun(await runner().upgrade("zoo00002"), ["applied"]);
            expect(await probe()).to.deep.equal(v1Answers);
            const synchronized = await synchronizedCatalogOf(harness, (options) => zooSetDataSource(v2, options), { schemas: v2.schemas });
            expectAsSynchronized(synchronized, await harness.dump(dataSource), v2);
            expect(pendingChanges(store(), await readSchema(zooSetDataSource(v2, db.options))).ops.map((op) => op.reasons)).to.deep.equal([]);
        });

        it("down to v1 restores v1's catalog and keeps the rows", async () => {
            expectRun(await runner().downgrade("zoo00001"), ["reverted"]);
            await compare(v1Catalog, { a: "v1", b: "after downgrade" });
            expect(await probe()).to.deep.equal(v1Answers);
        });

        it("up to v2 again and down to base leaves the empty database", async () => {
            expectRun(await runner().upgrade("zoo00002"), ["applied"]);
            expect(await probe()).to.deep.equal(v1Answers);
            expectRun(await runner().downgrade(null), ["reverted", "reverted"]);
            await compare(empty, { a: "empty", b: "after downgrade" });
        });
    });
}

const enumBeneathView: TwoSteps = {
    title: "enum types beneath a view gain and lose values, with rows",
    v1: { name: "enum beneath a view, v1", dialects: ["postgres", "better-sqlite3"], entities: enumViewV1, schemas: [] },
    v2: { name: "enum beneath a view, v2", dialects: ["postgres", "better-sqlite3"], entities: enumViewV2, schemas: [] },
    rows: {
        inserts: [`INSERT INTO "zoo_ev_pet" ("mood", "kind") VALUES ('playful', 'dog')`],
        probes: [`SELECT "id", "mood", "kind" FROM "zoo_ev_pet_moods"`],
    },
};

const computedSources: TwoSteps = {
    title: "computed columns: one dropped with the column it reads, one re-pointed from it to a new one (index, unique and check kept), one made plain, with rows",
    v1: { name: "computed sources, v1", dialects: ["postgres", "better-sqlite3"], entities: computedSourcesV1, schemas: [] },
    v2: { name: "computed sources, v2", dialects: ["postgres", "better-sqlite3"], entities: computedSourcesV2, schemas: [] },
    rows: {
        inserts: [`INSERT INTO "zoo_cs_ticket" ("adults") VALUES (2)`],
        probes: [`SELECT "id", "adults", "total", "legacySeats" FROM "zoo_cs_ticket"`],
    },
};

for (const harness of harnesses) {
    const dialect = driverOf(harness);
    for (const set of [...zooSetsFor(dialect), wholeZoo(dialect)]) describeSet(harness, set);
    describeTwoSteps(harness, { title: "the whole zoo v1 → v2 with rows, and back", v1: wholeZoo(dialect), v2: wholeZooV2(dialect), rows: zooRows(dialect) });
    describeTwoSteps(harness, enumBeneathView);
    describeTwoSteps(harness, computedSources);
    const v2Sets = zooV2SetsFor(dialect);
    for (const [name, rows] of [
        ["naming strategy and entity prefix", namingRows],
        ["postgres: another default schema, pgcrypto", postgresSchemaRows],
    ] as const) {
        const v1 = zooSetsFor(dialect).find((set) => set.name === name);
        const v2 = v2Sets.find((set) => set.name === name);
        if (v1 && v2) describeTwoSteps(harness, { title: `${name}, v1 → v2 with rows, and back`, v1, v2, rows });
    }
}
