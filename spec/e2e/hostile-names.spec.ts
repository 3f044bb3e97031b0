import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { entities } from "../../fixtures/hostile/entities";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

const hostile = (options: BlogDataSourceOptions) => buildBlogDataSource(entities, options);

for (const harness of harnesses) {
    describe(`hostile names and values on ${harness.name}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let root: string;
        let dir: string;
        let empty: Catalog;
        let migrated: Catalog;

        before(async () => {
            db = await harness.createDatabase();
            root = mkdtempSync(join(tmpdir(), "tm-hostile-"));
            dir = join(root, "default");
            dataSource = await connectForMigrations(hostile(db.options));
            empty = await harness.dump(dataSource);
        });
        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (root) rmSync(root, { recursive: true, force: true });
        });

        it("generates a migration file that compiles and runs, and check is clean after it", async () => {
            const file = await generateFor(dir, hostile(db.options), {
                message: `quotes ' " \` \${x} */ and \\ backslash`,
                revisionId: "hostile1",
                timestamp: 1764000000000,
            });
            expect(readFileSync(file as string, "utf8")).to.include("Message: quotes ' \" ` ${x} *\\/ and \\ backslash");
            const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade("hostile1");
            expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
            migrated = await harness.dump(dataSource);
            expect(pendingChanges(RevisionStore.open(dir), await readSchema(hostile(db.options))).ops).to.deep.equal([]);
        });

        it("defaults arrive in the database exactly as the entity spells them", async () => {
            await dataSource.query(`INSERT INTO "order ""lines""" DEFAULT VALUES`);
            const [row] = await dataSource.query<Record<string, unknown>[]>(
                `SELECT "select", "naïve 表" AS "mood", "back\`tick" AS "path" FROM "order ""lines"""`,
            );
            expect(row).to.deep.equal({ select: "it's", mood: "o'clock", path: "C:\\path\\${x}" });
            await dataSource.query(`INSERT INTO "order ""lines""" ("naïve 表") VALUES ('dollar \${x}')`);
        });

        it("the down migration leaves the empty database; upgrading again gives the same catalog", async () => {
            await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null);
            expect(diffCatalogs(empty, await harness.dump(dataSource))).to.deep.equal([]);
            await new Runner(dataSource, RevisionStore.open(dir)).upgrade("hostile1");
            expect(diffCatalogs(migrated, await harness.dump(dataSource))).to.deep.equal([]);
        });
    });
}
