import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogVersions } from "../../fixtures/blog/versions";
import { SnakeNamingStrategy } from "../../fixtures/naming/snake-naming-strategy";
import { entities as renamesBefore } from "../../fixtures/renames/v1";
import { entities as renamesAfter } from "../../fixtures/renames/v2";
import type { RenameDecisions } from "../../lib/diff/renames";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { ConflictingMetadataError } from "../../lib/entities/errors";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, harnesses, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

const snake = (options: BlogDataSourceOptions): BlogDataSourceOptions => ({ ...options, namingStrategy: new SnakeNamingStrategy() });
const blogV1 = (options: BlogDataSourceOptions) => blogVersions[0].dataSource(snake(options));
const renamesV1 = (options: BlogDataSourceOptions) => buildBlogDataSource(renamesBefore, snake(options));
const renamesV2 = (options: BlogDataSourceOptions) => buildBlogDataSource(renamesAfter, snake(options));

describe("a snake_case naming strategy", () => {
    it("two properties mapped to one column fail loudly, naming both (synchronize() fails on it too)", async () => {
        let error: unknown;
        await readSchema(blogVersions[1].dataSource(snake({ type: "better-sqlite3", database: ":memory:" }))).catch((e: unknown) => {
            error = e;
        });
        expect(error).to.be.instanceOf(ConflictingMetadataError);
        expect((error as Error).message).to.match(/^PostLike: userId and user\.id both map to column "user_id"/);
    });

    for (const harness of harnesses) {
        describe(`on ${harness.name}`, () => {
            let db: ScratchDatabase;
            let dataSource: DataSource;
            let root: string;
            const schemaName = harness.name === "postgres" ? "public" : "";

            before(async () => {
                db = await harness.createDatabase();
                root = mkdtempSync(join(tmpdir(), "tm-naming-"));
                dataSource = await connectForMigrations(renamesV1(db.options));
            });
            after(async () => {
                if (dataSource?.isInitialized) await dataSource.destroy();
                await db?.drop();
                if (root) rmSync(root, { recursive: true, force: true });
            });

            it("the blog builds what synchronize() builds with the same strategy", async () => {
                const dir = join(root, "blog");
                await generateFor(dir, blogV1(db.options), { message: "blog", revisionId: "snake001", timestamp: 1764000000000 });
                const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade("snake001");
                expect(results.map((r) => r.error?.message)).to.deep.equal([undefined]);
                const catalog = await harness.dump(dataSource);
                expect(JSON.stringify(catalog)).to.include("created_at");
                expect(diffCatalogs(await synchronizedCatalog(harness, blogV1), catalog)).to.deep.equal([]);
                await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null);
            });

            it("renamed snake_case columns and tables follow the strategy's names, and check is clean", async () => {
                const dir = join(root, "renames");
                const renames: RenameDecisions = {
                    tables: [{ from: { schema: schemaName, table: "author" }, to: { schema: schemaName, table: "writer" } }],
                    columns: [
                        { table: { schema: schemaName, table: "writer" }, from: "name", to: "full_name" },
                        { table: { schema: schemaName, table: "book" }, from: "title", to: "headline" },
                    ],
                };
                await generateFor(dir, renamesV1(db.options), { message: "first", revisionId: "snake101", timestamp: 1764000000000 });
                await generateFor(dir, renamesV2(db.options), { message: "renamed", revisionId: "snake102", timestamp: 1764000060000, renames });
                const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade("snake102");
                expect(results.map((r) => r.error?.message)).to.deep.equal([undefined, undefined]);
                expect(diffCatalogs(await synchronizedCatalog(harness, renamesV2), await harness.dump(dataSource))).to.deep.equal([]);
                expect(pendingChanges(RevisionStore.open(dir), await readSchema(renamesV2(db.options))).ops).to.deep.equal([]);
                await new Runner(dataSource, RevisionStore.open(dir)).downgrade("snake101");
                expect(diffCatalogs(await synchronizedCatalog(harness, renamesV1), await harness.dump(dataSource))).to.deep.equal([]);
            });
        });
    }
});
