import { expect } from "chai";
import { blogVersions } from "../../fixtures/blog/versions";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import { postgresHarness } from "../support/dialect-harness";
import { describeZooIntrospection } from "../support/introspect-zoo";
import { driftReasons, describeIntrospectionSteps } from "../support/introspect-steps";

// A PostgreSQL database built by our migrations reads back as the snapshot of each revision;
// a hand-made column and a dropped index are found.

describeIntrospectionSteps(
    "blog v1 → v2 → v3",
    postgresHarness,
    blogVersions.map((v) => ({ id: v.revisionId, build: v.dataSource })),
    {
        drift: async ({ dataSource, snapshot }) => {
            await dataSource.query(`ALTER TABLE "post" ADD COLUMN "extra" integer`);
            await dataSource.query(`DROP INDEX "IDX_post_published"`);
            const reasons = await driftReasons(dataSource, snapshot);
            expect(reasons.map(([kind]) => kind).sort()).to.deep.equal(["createIndex", "dropColumn"]);
            expect(reasons.flat().join("\n"))
                .to.match(/extra/)
                .and.match(/IDX_post_published/);
        },
    },
);

describeIntrospectionSteps(
    "the kitchen sink v1 → v2 → v3",
    postgresHarness,
    postgresSink.map((version) => ({
        id: version.id,
        build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([...version.entities], options),
        renames: version.renames?.("public"),
    })),
);

describeZooIntrospection(postgresHarness, "postgres");
