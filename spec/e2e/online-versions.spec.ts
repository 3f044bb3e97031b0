import { expect } from "chai";
import { readFileSync } from "node:fs";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogVersions } from "../../fixtures/blog/versions";
import { entities as constraints1 } from "../../fixtures/constraints/v1";
import { entities as constraints2 } from "../../fixtures/constraints/v2";
import { entities as constraints3 } from "../../fixtures/constraints/v3";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import { postgresHarness } from "../support/dialect-harness";
import { describeVersionSteps, type VersionStep } from "../support/version-steps";

// The version scenarios other specs run with the plain forms, generated with `online: true` on
// PostgreSQL: every online form must still build what synchronize() builds, and every down restore.

const scenarios: [string, VersionStep[]][] = [
    ["blog v1 → v2 → v3", blogVersions.map((version, i) => ({ id: `blog000${i + 1}`, build: (o: BlogDataSourceOptions) => version.dataSource(o) }))],
    [
        "constraints changing",
        [constraints1, constraints2, constraints3].map((entities, i) => ({
            id: `cons000${i + 1}`,
            build: (o: BlogDataSourceOptions) => buildBlogDataSource(entities, o),
        })),
    ],
    [
        "the kitchen sink",
        postgresSink.map((version) => ({
            id: version.id,
            build: (o: BlogDataSourceOptions) => buildBlogDataSource([...version.entities], o),
            renames: version.renames?.("public"),
        })),
    ],
];

const onlineForms = ["INDEX CONCURRENTLY", "NOT VALID", "VALIDATE CONSTRAINT", "UNIQUE USING INDEX", "IS NOT NULL) NOT VALID"];
/** Which online forms each scenario's migrations hold (so the comparison is not vacuous). */
const expectedForms: Record<string, string[]> = {
    "blog v1 → v2 → v3": ["INDEX CONCURRENTLY"],
    "constraints changing": ["INDEX CONCURRENTLY", "NOT VALID", "UNIQUE USING INDEX", "VALIDATE CONSTRAINT"],
    "the kitchen sink": ["INDEX CONCURRENTLY", "NOT VALID", "UNIQUE USING INDEX", "VALIDATE CONSTRAINT"],
};

for (const [title, steps] of scenarios) {
    const forms = new Set<string>();
    describeVersionSteps(`generate --online: ${title}`, postgresHarness, steps, {
        online: true,
        afterGenerate(_index, file) {
            const text = file === null ? "" : readFileSync(file, "utf8");
            for (const form of onlineForms) if (text.includes(form)) forms.add(form);
        },
        async afterUpgrade(index) {
            if (index === steps.length - 1) expect([...forms].sort(), "online forms written").to.deep.equal(expectedForms[title]);
        },
    });
}
