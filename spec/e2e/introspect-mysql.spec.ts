import { expect } from "chai";
import { EntitySchema } from "typeorm";
import { diff } from "../../lib/diff/diff";
import { introspect } from "../../lib/introspect";
import { readSchema } from "../../lib/entities/read-schema";
import { blogVersions } from "../../fixtures/blog/versions";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { versionsFor } from "../../fixtures/kitchen-sink/mysql";
import { mysqlHarnesses } from "../support/dialect-harness";
import { driftReasons, describeIntrospectionSteps } from "../support/introspect-steps";

// A MariaDB database built by our migrations, through TypeORM's `mysql` and `mariadb` drivers,
// reads back as the snapshot of each revision; a hand-made column and a dropped index are found.

for (const harness of mysqlHarnesses) {
    describeIntrospectionSteps(
        "blog v1 → v2 → v3",
        harness,
        blogVersions.map((v) => ({ id: v.revisionId, build: v.dataSource })),
        {
            drift: async ({ dataSource, snapshot }) => {
                await dataSource.query("ALTER TABLE `post` ADD COLUMN `extra` int NULL");
                await dataSource.query("DROP INDEX `IDX_post_published` ON `post`");
                const reasons = await driftReasons(dataSource, snapshot);
                expect(reasons.map(([kind]) => kind).sort()).to.deep.equal(["createIndex", "dropColumn"]);
                expect(reasons.flat().join("\n"))
                    .to.match(/extra/)
                    .and.match(/IDX_post_published/);
            },
        },
    );

    describeIntrospectionSteps(
        "the MySQL kitchen sink v1 → v2 → v3",
        harness,
        versionsFor(harness.name as "mysql" | "mariadb").map((version) => ({
            id: version.id,
            build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([...version.entities], options),
            renames: version.renames?.(""),
        })),
    );
}

describe("introspection on MariaDB without a reference", () => {
    it("reads a json column synchronize() made (longtext + json_valid there) back as json", async () => {
        const harness = mysqlHarnesses.find((h) => h.name === "mariadb") as (typeof mysqlHarnesses)[number];
        const db = await harness.createDatabase();
        const Doc = new EntitySchema({
            name: "doc",
            columns: { id: { type: Number, primary: true, generated: "increment" }, body: { type: "json" }, note: { type: "longtext", nullable: true } },
        });
        const dataSource = buildBlogDataSource([Doc], db.options);
        try {
            await dataSource.initialize();
            await dataSource.synchronize();
            const live = await introspect(dataSource);
            const columns = live.columns.filter((c) => c.table === "doc").map((c) => [c.name, c.type, c.collation, c.charset]);
            expect(columns).to.deep.equal([
                ["id", "int", null, null],
                ["body", "json", null, null],
                ["note", "longtext", null, null],
            ]);
            expect(diff(live, await readSchema(buildBlogDataSource([Doc], db.options)))).to.deep.equal([]);
        } finally {
            if (dataSource.isInitialized) await dataSource.destroy();
            await db.drop();
        }
    });
});
