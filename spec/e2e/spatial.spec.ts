import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { Place, PlaceV2 } from "../../fixtures/spatial/entities";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/metadata/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, postgresHarness, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

const versions = [
    { id: "geo00001", build: (o: BlogDataSourceOptions) => buildBlogDataSource([Place], o) },
    { id: "geo00002", build: (o: BlogDataSourceOptions) => buildBlogDataSource([PlaceV2], o) },
];

describe("spatial columns and indexes on postgres (PostGIS)", () => {
    let db: ScratchDatabase;
    let dataSource: DataSource;
    let dir: string;
    const catalogs: Catalog[] = [];

    before(async () => {
        db = await postgresHarness.createDatabase();
        dir = mkdtempSync(join(tmpdir(), "tm-geo-"));
        dataSource = await connectForMigrations(versions[0].build({ ...db.options, installExtensions: false } as BlogDataSourceOptions));
        catalogs.push(await postgresHarness.dump(dataSource));
    });
    after(async () => {
        if (dataSource?.isInitialized) await dataSource.destroy();
        await db?.drop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("each version builds what synchronize() builds (postgis included), and check is clean", async () => {
        for (const [i, version] of versions.entries()) {
            await generateFor(dir, version.build(db.options), { message: version.id, revisionId: version.id, timestamp: 1764000000000 + i * 1000 });
            const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade(version.id);
            expect(results.map((r) => r.error?.message)).to.deep.equal([undefined]);
            const catalog = await postgresHarness.dump(dataSource);
            expect(diffCatalogs(await synchronizedCatalog(postgresHarness, version.build), catalog)).to.deep.equal([]);
            expect(pendingChanges(RevisionStore.open(dir), await readSchema(version.build(db.options))).ops).to.deep.equal([]);
            catalogs.push(catalog);
        }
    });

    it("stores a point", async () => {
        await dataSource.query(`INSERT INTO "place" ("location") VALUES (ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326))`);
        expect(await dataSource.query(`SELECT ST_AsText("location") AS "wkt" FROM "place"`)).to.deep.equal([{ wkt: "POINT(2.35 48.85)" }]);
    });

    it("downs restore each previous catalog, the point kept through the area's type change", async () => {
        await new Runner(dataSource, RevisionStore.open(dir)).downgrade(versions[0].id);
        expect(diffCatalogs(catalogs[1], await postgresHarness.dump(dataSource))).to.deep.equal([]);
        expect(await dataSource.query(`SELECT ST_AsText("location") AS "wkt" FROM "place"`)).to.deep.equal([{ wkt: "POINT(2.35 48.85)" }]);
        await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null);
        expect(diffCatalogs(catalogs[0], await postgresHarness.dump(dataSource))).to.deep.equal([]);
    });
});
