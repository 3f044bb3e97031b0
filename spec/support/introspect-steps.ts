import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { diff } from "../../lib/diff/diff";
import { introspect } from "../../lib/introspect";
import { Runner } from "../../lib/runner/runner";
import type { Schema } from "../../lib/schema/model";
import { RevisionStore } from "../../lib/store/revision-store";
import { connectForMigrations, type DialectHarness, type ScratchDatabase } from "./dialect-harness";
import { generateFor } from "./generate";
import { schemaDifferences } from "./introspect-compare";
import type { VersionStep } from "./version-steps";

export interface IntrospectionScenario {
    /** Run on the fresh database before the first migration (a schema the data source defaults to). */
    prepare?(dataSource: DataSource): Promise<void>;
    /** After the last version is checked: hand-made changes, and what the diff must then find. */
    drift?(context: DriftContext): Promise<void>;
}

export interface DriftContext {
    readonly dataSource: DataSource;
    readonly snapshot: Schema;
}

/** The differ's ops from the database to the snapshot, as their reasons: empty when the database is at the snapshot. */
export async function driftReasons(dataSource: DataSource, snapshot: Schema): Promise<string[][]> {
    const live = await introspect(dataSource, { reference: snapshot });
    return diff(live, snapshot).map((op) => [op.kind, ...op.reasons]);
}

/**
 * Generates and upgrades each version in turn on one dialect; after each, the database read back
 * by `introspect` (with the snapshot as its reference) equals the revision's snapshot: the differ
 * finds nothing and the canonical schemas are equal field for field.
 */
export function describeIntrospectionSteps(title: string, harness: DialectHarness, steps: readonly VersionStep[], scenario: IntrospectionScenario = {}): void {
    describe(`introspection of ${title} on ${harness.name}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let dir: string;

        before(async () => {
            db = await harness.createDatabase();
            dir = mkdtempSync(join(tmpdir(), "tm-introspect-"));
            dataSource = await connectForMigrations(steps[0].build(db.options));
            await scenario.prepare?.(dataSource);
        });
        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        steps.forEach((step, i) => {
            it(`${step.id}: the migrated database reads back as its snapshot`, async () => {
                await generateFor(dir, step.build(db.options), {
                    message: step.id,
                    revisionId: step.id,
                    timestamp: 1764000000000 + i * 1000,
                    renames: step.renames,
                });
                const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade(step.id);
                expect(
                    results.map((r) => [r.status, r.error?.message]),
                    step.id,
                ).to.deep.equal([["applied", undefined]]);
                const snapshot = RevisionStore.open(dir).stateAt(step.id);
                const live = await introspect(dataSource, { reference: snapshot });
                expect(
                    diff(live, snapshot).map((op) => [op.kind, ...op.reasons]),
                    `${step.id}: ops from the database to the snapshot`,
                ).to.deep.equal([]);
                expect(schemaDifferences(live, snapshot), `${step.id}: canonical schemas`).to.deep.equal([]);
            });
        });

        if (scenario.drift) {
            it("hand-made changes after the last version are found as differences", async () => {
                await scenario.drift?.({ dataSource, snapshot: RevisionStore.open(dir).stateAt(steps[steps.length - 1].id) });
            });
        }
    });
}

export type { BlogDataSourceOptions };
