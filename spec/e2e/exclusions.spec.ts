import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { Booking, BookingV2 } from "../../fixtures/exclusions/entities";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/metadata/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, postgresHarness, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

const versions = [
    { id: "excl0001", build: (o: BlogDataSourceOptions) => buildBlogDataSource([Booking], o) },
    { id: "excl0002", build: (o: BlogDataSourceOptions) => buildBlogDataSource([BookingV2], o) },
];

describe("exclusion constraints on postgres", () => {
    let db: ScratchDatabase;
    let dataSource: DataSource;
    let dir: string;
    const catalogs: Catalog[] = [];

    before(async () => {
        db = await postgresHarness.createDatabase();
        dir = mkdtempSync(join(tmpdir(), "tm-excl-"));
        dataSource = await connectForMigrations(versions[0].build({ ...db.options, installExtensions: false } as BlogDataSourceOptions));
        catalogs.push(await postgresHarness.dump(dataSource));
    });
    after(async () => {
        if (dataSource?.isInitialized) await dataSource.destroy();
        await db?.drop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("each version builds what synchronize() builds (btree_gist included), and check is clean", async () => {
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

    it("the constraint holds: an overlapping booking of the same room is refused", async () => {
        await dataSource.query(`INSERT INTO "booking" ("room", "floor", "from", "to") VALUES ('A', 1, '2026-01-01 10:00', '2026-01-01 12:00')`);
        let error: unknown;
        await dataSource.query(`INSERT INTO "booking" ("room", "floor", "from", "to") VALUES ('A', 1, '2026-01-01 11:00', '2026-01-01 13:00')`).catch((e: unknown) => { error = e; });
        expect(String(error)).to.match(/conflicting key value violates exclusion constraint/);
    });

    it("downs restore each previous catalog", async () => {
        await new Runner(dataSource, RevisionStore.open(dir)).downgrade(versions[0].id);
        expect(diffCatalogs(catalogs[1], await postgresHarness.dump(dataSource))).to.deep.equal([]);
        await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null);
        expect(diffCatalogs(catalogs[0], await postgresHarness.dump(dataSource))).to.deep.equal([]);
    });
});
