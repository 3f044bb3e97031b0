import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import { versions as sqliteSink } from "../../fixtures/kitchen-sink/sqlite";
import type { KitchenSinkVersion } from "../../fixtures/kitchen-sink/versions";
import { postgresHarness, sqliteHarness, type DialectHarness } from "../support/dialect-harness";
import { describeVersionSteps } from "../support/version-steps";

const steps = (versions: readonly KitchenSinkVersion[], schema: string) =>
    versions.map((version) => ({
        id: version.id,
        build: (options: Parameters<typeof buildBlogDataSource>[1]) => buildBlogDataSource([...version.entities], options),
        renames: version.renames?.(schema),
    }));

const sinks: [DialectHarness, readonly KitchenSinkVersion[], string][] = [
    [postgresHarness, postgresSink, "public"],
    [sqliteHarness, sqliteSink, ""],
];

for (const [harness, versions, schema] of sinks) {
    describeVersionSteps("the kitchen sink, v1 → v2 → v3", harness, steps(versions, schema));
}
