import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { blogVersions } from "../../fixtures/blog/versions";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { generateBlogRevision } from "../../fixtures/blog/generate-revision";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";

for (const harness of harnesses) {
    describe(`blog v1 → v2 → v3 and back on ${harness.name}, compared with synchronize()`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let root: string;
        let dir: string;
        const expected: Catalog[] = [];

        before(async () => {
            db = await harness.createDatabase();
            root = mkdtempSync(join(tmpdir(), "tm-e2e-"));
            dir = join(root, "migrations", "default");
            dataSource = await connectForMigrations(blogVersions[0].dataSource(db.options));
            expected.push(await harness.dump(dataSource));
        });

        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (root) rmSync(root, { recursive: true, force: true });
        });

        const runner = () => new Runner(dataSource, RevisionStore.open(dir));

        blogVersions.forEach((version, step) => {
            it(`${version.name}: generate + upgrade builds what synchronize() builds, and check is clean`, async () => {
                expect(await generateBlogRevision(dir, version, db.options)).to.be.a("string");
                const results = await runner().upgrade(RevisionStore.open(dir).graph.resolve("head"));
                expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);

                const catalog = await harness.dump(dataSource);
                expect(diffCatalogs(await synchronizedCatalog(harness, version.dataSource), catalog, { a: "synchronize()", b: "migrations" })).to.deep.equal(
                    [],
                );
                expected[step + 1] = catalog;

                const schema = await readSchema(version.dataSource(db.options));
                expect(pendingChanges(RevisionStore.open(dir), schema).ops).to.deep.equal([]);
                expect(await generateBlogRevision(dir, version, db.options)).to.equal(null);
            });

            if (version.name === "v1") {
                it("v1: rows written now survive the alters and rebuilds of v2", async () => {
                    await dataSource.query(`INSERT INTO "user" ("email", "displayName") VALUES ('ada@example.com', 'Ada')`);
                    await dataSource.query(`INSERT INTO "post" ("title", "body", "status", "authorId") VALUES ('Kept title', 'Body', 'published', 1)`);
                    await dataSource.query(`INSERT INTO "comment" ("body", "postId", "authorId") VALUES ('Nice', 1, 1)`);
                });
            }
            if (version.name === "v2") {
                it("v2: the rows from v1 are still there, children included", async () => {
                    expect(await dataSource.query(`SELECT "title" FROM "post"`)).to.deep.equal([{ title: "Kept title" }]);
                    expect(await dataSource.query(`SELECT "body" FROM "comment"`)).to.deep.equal([{ body: "Nice" }]);
                    expect(await dataSource.query(`SELECT "email", "role" FROM "user"`)).to.deep.equal([{ email: "ada@example.com", role: "reader" }]);
                });
            }
        });

        it("each downgrade restores the previous version's catalog and keeps the rows; base leaves only the migrations table", async () => {
            for (let step = blogVersions.length; step >= 1; step--) {
                const results = await runner().downgrade(step === 1 ? null : blogVersions[step - 2].revisionId);
                expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
                expect(diffCatalogs(expected[step - 1], await harness.dump(dataSource), { a: "before upgrade", b: "after downgrade" })).to.deep.equal([]);
                if (step === 2) expect(await dataSource.query(`SELECT "title" FROM "post"`)).to.deep.equal([{ title: "Kept title" }]);
            }
            expect(await dataSource.query(`SELECT COUNT(*) AS "n" FROM "migrations"`)).to.deep.equal([{ n: harness.name === "postgres" ? "0" : 0 }]);
        });
    });
}
