import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { unmanagedIndexVersions } from "../../fixtures/differ-gaps/unmanaged-index";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, type DialectHarness, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

// synchronize() never creates an index declared with `synchronize: false` and never drops one that
// exists: so an index switched to it after it was made stays. The comparison is therefore with
// synchronize() run on the same database version after version, not on a fresh one.

type Build = (options: BlogDataSourceOptions) => DataSource;

const builds: readonly Build[] = unmanagedIndexVersions.map((entities) => (options: BlogDataSourceOptions) => buildBlogDataSource([...entities], options));
const ids = ["gapsui01", "gapsui02", "gapsui03"];

/** What synchronize() makes of one database, run with each version's entities in turn. */
async function synchronizedInTurn(harness: DialectHarness): Promise<Catalog[]> {
    const db = await harness.createDatabase();
    const catalogs: Catalog[] = [];
    try {
        for (const build of builds) {
            const dataSource = build(db.options);
            try {
                await dataSource.initialize();
                await dataSource.synchronize();
                catalogs.push(await harness.dump(dataSource));
            } finally {
                if (dataSource.isInitialized) await dataSource.destroy();
            }
        }
        return catalogs;
    } finally {
        await db.drop();
    }
}

for (const harness of harnesses) {
    describe(`an index switched to synchronize: false, then removed, on ${harness.name}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let root: string;
        let dir: string;
        let synchronized: Catalog[];
        const catalogs: Catalog[] = [];
        const runner = () => new Runner(dataSource, RevisionStore.open(dir));

        before(async () => {
            synchronized = await synchronizedInTurn(harness);
            db = await harness.createDatabase();
            root = mkdtempSync(join(tmpdir(), "tm-gaps-unmanaged-"));
            dir = join(root, "migrations", "default");
            dataSource = await connectForMigrations(builds[0](db.options));
            catalogs.push(await harness.dump(dataSource));
        });

        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            if (root) rmSync(root, { recursive: true, force: true });
            await db?.drop();
        });

        it("each version builds what synchronize() builds on the previous version's database, and check is clean", async () => {
            for (const [i, build] of builds.entries()) {
                expect(await generateFor(dir, build(db.options), { message: ids[i], revisionId: ids[i], timestamp: 1766000000000 + i * 1000 }), ids[i]).to.be.a(
                    "string",
                );
                const results = await runner().upgrade(ids[i]);
                expect(
                    results.map((r) => [r.status, r.error?.message]),
                    ids[i],
                ).to.deep.equal([["applied", undefined]]);
                const catalog = await harness.dump(dataSource);
                expect(diffCatalogs(synchronized[i], catalog, { a: `synchronize() in turn to ${ids[i]}`, b: "migrations" })).to.deep.equal([]);
                expect(pendingChanges(RevisionStore.open(dir), await readSchema(build(db.options))).ops, ids[i]).to.deep.equal([]);
                catalogs.push(catalog);
            }
        });

        it("the snapshot keeps the index while it is unmanaged, and never has the one that was never made", () => {
            const store = RevisionStore.open(dir);
            const indexNames = (revision: string) =>
                store.stateAt(revision, { dialect: "postgres", defaultSchema: "", typeormVersion: "" }).indexes.map((index) => index.name);
            expect(indexNames("gapsui01")).to.deep.equal(["IDX_gaps_shelf_label"]);
            expect(indexNames("gapsui02")).to.deep.equal(["IDX_gaps_shelf_label"]);
            expect(indexNames("gapsui03")).to.deep.equal([]);
        });

        it("each down restores the catalog before it", async () => {
            for (let i = builds.length - 2; i >= -1; i--) {
                const results = await runner().downgrade(i < 0 ? null : ids[i]);
                expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
                expect(diffCatalogs(catalogs[i + 1], await harness.dump(dataSource), { a: "before", b: "after the down" })).to.deep.equal([]);
            }
        });
    });
}
