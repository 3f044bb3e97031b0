import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { entities as entitiesBefore } from "../../fixtures/renames/v1";
import { entities as entitiesAfter } from "../../fixtures/renames/v2";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { RenameDecisions } from "../../lib/diff/renames";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";
import { describeVersionSteps } from "../support/version-steps";
import { Gauge, Meter } from "../../fixtures/renames/computed";

const v1 = (options: BlogDataSourceOptions) => buildBlogDataSource(entitiesBefore, options);
const v2 = (options: BlogDataSourceOptions) => buildBlogDataSource(entitiesAfter, options);

for (const harness of harnesses) {
    describe(`renames on ${harness.name}: a table and two columns, with rows`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let root: string;
        let dir: string;
        const schemaName = harness.name === "postgres" ? "public" : "";
        const renames: RenameDecisions = {
            tables: [{ from: { schema: schemaName, table: "author" }, to: { schema: schemaName, table: "writer" } }],
            columns: [
                { table: { schema: schemaName, table: "writer" }, from: "name", to: "fullName" },
                { table: { schema: schemaName, table: "book" }, from: "title", to: "headline" },
            ],
        };

        before(async () => {
            db = await harness.createDatabase();
            root = mkdtempSync(join(tmpdir(), "tm-renames-"));
            dir = join(root, "migrations", "default");
            dataSource = await connectForMigrations(v1(db.options));
            await generateFor(dir, v1(db.options), { message: "authors and books", revisionId: "ren00001", timestamp: 1764000000000 });
            await new Runner(dataSource, RevisionStore.open(dir)).upgrade("ren00001");
            await dataSource.query(`INSERT INTO "author" ("name", "status") VALUES ('Ursula', 'retired')`);
            await dataSource.query(`INSERT INTO "book" ("title", "authorId") VALUES ('The Dispossessed', 1)`);
        });

        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (root) rmSync(root, { recursive: true, force: true });
        });

        it("the migration renames in place (no DROP of a table or column) and the rows survive", async () => {
            const file = await generateFor(dir, v2(db.options), { message: "renamed", revisionId: "ren00002", timestamp: 1764000060000, renames });
            const text = readFileSync(file as string, "utf8");
            const up = text.slice(text.indexOf("async up("), text.indexOf("async down("));
            expect(up).to.match(/RENAME TO "writer"/);
            expect(up).to.match(/RENAME COLUMN "name" TO "fullName"/);
            expect(up).not.to.match(/DROP COLUMN "(name|title)"/);
            const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade("ren00002");
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            expect(await dataSource.query(`SELECT "fullName", "status" FROM "writer"`)).to.deep.equal([{ fullName: "Ursula", status: "retired" }]);
            expect(await dataSource.query(`SELECT "headline", "authorId" FROM "book"`)).to.deep.equal([{ headline: "The Dispossessed", authorId: 1 }]);
        });

        it("the result equals what synchronize() builds from the renamed entities, names included, and check is clean", async () => {
            expect(diffCatalogs(await synchronizedCatalog(harness, v2), await harness.dump(dataSource), { a: "synchronize()", b: "migrations" })).to.deep.equal(
                [],
            );
            expect(pendingChanges(RevisionStore.open(dir), await readSchema(v2(db.options))).ops).to.deep.equal([]);
        });

        it("the down migration renames back, restores the previous catalog and keeps the rows", async () => {
            const results = await new Runner(dataSource, RevisionStore.open(dir)).downgrade("ren00001");
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
            expect(
                diffCatalogs(await synchronizedCatalog(harness, v1), await harness.dump(dataSource), { a: "synchronize()", b: "after downgrade" }),
            ).to.deep.equal([]);
            expect(await dataSource.query(`SELECT "name" FROM "author"`)).to.deep.equal([{ name: "Ursula" }]);
            expect(await dataSource.query(`SELECT "title" FROM "book"`)).to.deep.equal([{ title: "The Dispossessed" }]);
        });
    });
}

for (const harness of harnesses) {
    const schema = harness.name === "postgres" ? "public" : "";
    describeVersionSteps(
        "a computed column over a renamed column, in a renamed table",
        harness,
        [
            { id: "comp0001", build: (o) => buildBlogDataSource([Gauge], o) },
            {
                id: "comp0002",
                build: (o) => buildBlogDataSource([Meter], o),
                renames: {
                    tables: [{ from: { schema, table: "gauge" }, to: { schema, table: "meter" } }],
                    columns: [{ table: { schema, table: "meter" }, from: "reading", to: "value" }],
                },
            },
        ],
        {
            async afterUpgrade(index, dataSource) {
                if (index === 0) await dataSource.query(`INSERT INTO "gauge" ("reading") VALUES (21)`);
                else expect(await dataSource.query(`SELECT "value", "doubled" FROM "meter"`)).to.deep.equal([{ value: 21, doubled: 42 }]);
            },
            async afterDowngrade(index, dataSource) {
                if (index === 0) expect(await dataSource.query(`SELECT "reading", "doubled" FROM "gauge"`)).to.deep.equal([{ reading: 21, doubled: 42 }]);
            },
        },
    );
}
