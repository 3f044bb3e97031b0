import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { entities as v1 } from "../../fixtures/views/v1";
import { entities as v2 } from "../../fixtures/views/v2";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/metadata/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

const versions = [
    { id: "views001", build: (o: BlogDataSourceOptions) => buildBlogDataSource(v1, o) },
    { id: "views002", build: (o: BlogDataSourceOptions) => buildBlogDataSource(v2, o) },
];

for (const harness of harnesses) {
    describe(`views on ${harness.name}: a column under a view changes type, and a view depends on another`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let dir: string;
        const catalogs: Catalog[] = [];

        before(async () => {
            db = await harness.createDatabase();
            dir = mkdtempSync(join(tmpdir(), "tm-views-"));
            dataSource = await connectForMigrations(versions[0].build(db.options));
            catalogs.push(await harness.dump(dataSource));
        });
        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        it("each version builds what synchronize() builds (views and typeorm_metadata rows), and check is clean", async () => {
            for (const [i, version] of versions.entries()) {
                await generateFor(dir, version.build(db.options), { message: version.id, revisionId: version.id, timestamp: 1764000000000 + i * 1000 });
                const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade(version.id);
                expect(results.map((r) => r.error?.message)).to.deep.equal([undefined]);
                if (i === 0) await dataSource.query(`INSERT INTO "product" ("name") VALUES ('kept')`);
                const catalog = await harness.dump(dataSource);
                expect(diffCatalogs(await synchronizedCatalog(harness, version.build), catalog)).to.deep.equal([]);
                expect(pendingChanges(RevisionStore.open(dir), await readSchema(version.build(db.options))).ops).to.deep.equal([]);
                catalogs.push(catalog);
            }
            expect(await dataSource.query(`SELECT "count" FROM "product_name_count"`)).to.have.length(1);
        });

        it("downs restore each previous catalog and keep the rows", async () => {
            await new Runner(dataSource, RevisionStore.open(dir)).downgrade(versions[0].id);
            expect(diffCatalogs(catalogs[1], await harness.dump(dataSource))).to.deep.equal([]);
            expect(await dataSource.query(`SELECT "name" FROM "product_names"`)).to.deep.equal([{ name: "kept" }]);
            await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null);
            expect(diffCatalogs(catalogs[0], await harness.dump(dataSource))).to.deep.equal([]);
        });
    });
}
