import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogVersions } from "../../fixtures/blog/versions";
import { entities as constraints1 } from "../../fixtures/constraints/v1";
import { entities as constraints2 } from "../../fixtures/constraints/v2";
import { entities as constraints3 } from "../../fixtures/constraints/v3";
import { versions as postgresSink } from "../../fixtures/kitchen-sink/postgres";
import type { RenameDecisions } from "../../lib/diff/renames";
import { readSchema } from "../../lib/entities/read-schema";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { connectForMigrations, postgresHarness, synchronizedCatalog, type ScratchDatabase } from "../support/dialect-harness";
import { generateFor } from "../support/generate";

// The version scenarios other specs run with the plain forms, generated with `online: true` on
// PostgreSQL: every online form must still build what synchronize() builds, and every down restore.

interface Step {
    readonly id: string;
    readonly build: (options: BlogDataSourceOptions) => DataSource;
    readonly renames?: RenameDecisions;
}

const scenarios: [string, Step[]][] = [
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
    describe(`generate --online: ${title} on postgres, compared with synchronize()`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let dir: string;
        const catalogs: Catalog[] = [];
        const runner = () => new Runner(dataSource, RevisionStore.open(dir));

        before(async () => {
            db = await postgresHarness.createDatabase();
            dir = mkdtempSync(join(tmpdir(), "tm-online-steps-"));
            dataSource = await connectForMigrations(steps[0].build(db.options));
            catalogs.push(await postgresHarness.dump(dataSource));
        });
        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        it("each version builds what synchronize() builds and check is clean", async () => {
            const forms = new Set<string>();
            for (const [i, step] of steps.entries()) {
                const file = await generateFor(dir, step.build(db.options), {
                    message: step.id,
                    revisionId: step.id,
                    timestamp: 1764000000000 + i * 1000,
                    renames: step.renames,
                    online: true,
                });
                const text = file === null ? "" : readFileSync(file, "utf8");
                for (const form of onlineForms) if (text.includes(form)) forms.add(form);
                expect(
                    (await runner().upgrade(step.id)).map((r) => [r.status, r.error?.message]),
                    step.id,
                ).to.deep.equal([["applied", undefined]]);
                const catalog = await postgresHarness.dump(dataSource);
                expect(
                    diffCatalogs(await synchronizedCatalog(postgresHarness, step.build), catalog, { a: `synchronize() ${step.id}`, b: "online migrations" }),
                ).to.deep.equal([]);
                expect(pendingChanges(RevisionStore.open(dir), await readSchema(step.build(db.options))).ops, step.id).to.deep.equal([]);
                catalogs.push(catalog);
            }
            expect([...forms].sort(), "online forms written").to.deep.equal(expectedForms[title]);
        });

        it("each down restores the catalog before it", async () => {
            for (let i = steps.length - 2; i >= -1; i--) {
                const target = i < 0 ? null : steps[i].id;
                const results = await runner().downgrade(target);
                expect(
                    results.map((r) => [r.status, r.error?.message]),
                    target ?? "base",
                ).to.deep.equal([["reverted", undefined]]);
                expect(
                    diffCatalogs(catalogs[i + 1], await postgresHarness.dump(dataSource), { a: `before ${steps[i + 1].id}`, b: "after its down" }),
                ).to.deep.equal([]);
            }
        });
    });
}
