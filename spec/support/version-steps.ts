import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { RenameDecisions } from "../../lib/diff/renames";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import type { Catalog } from "./catalog/catalog";
import { diffCatalogs } from "./catalog/compare";
import { connectForMigrations, synchronizedCatalog, type DialectHarness, type ScratchDatabase } from "./dialect-harness";
import { generateFor } from "./generate";

/** One version of an entity set: its revision id and how to build its data source on a database. */
export interface VersionStep {
    readonly id: string;
    readonly build: (options: BlogDataSourceOptions) => DataSource;
    readonly renames?: RenameDecisions;
}

export interface StepHooks {
    /** Generate with the lock-friendly forms (`generate --online`). */
    readonly online?: boolean;
    /** After generating version `index`'s migration (`file`: null when nothing changed). */
    afterGenerate?(index: number, file: string | null): void;
    /** After upgrading to version `index` (rows to insert, rows to expect). */
    afterUpgrade?(index: number, dataSource: DataSource): Promise<void>;
    /** After downgrading back to version `index` (-1: base). */
    afterDowngrade?(index: number, dataSource: DataSource): Promise<void>;
}

/**
 * The real-database scenario every feature is held to, on one dialect: generate and upgrade each
 * version in turn, the catalog equal to what synchronize() builds from the same entities and
 * `check` clean after each; then downgrade step by step, each down restoring the catalog before.
 */
export function describeVersionSteps(title: string, harness: DialectHarness, steps: readonly VersionStep[], hooks: StepHooks = {}): void {
    describe(`${title} on ${harness.name}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let dir: string;
        const catalogs: Catalog[] = [];
        const runner = () => new Runner(dataSource, RevisionStore.open(dir));

        before(async () => {
            db = await harness.createDatabase();
            dir = mkdtempSync(join(tmpdir(), "tm-steps-"));
            dataSource = await connectForMigrations(steps[0].build(db.options));
            catalogs.push(await harness.dump(dataSource));
        });
        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        it("each version builds what synchronize() builds, name for name, and check is clean", async () => {
            for (const [i, step] of steps.entries()) {
                const file = await generateFor(dir, step.build(db.options), {
                    message: step.id,
                    revisionId: step.id,
                    timestamp: 1764000000000 + i * 1000,
                    renames: step.renames,
                    ...(hooks.online ? { online: true } : {}),
                });
                hooks.afterGenerate?.(i, file);
                const results = await runner().upgrade(step.id);
                expect(
                    results.map((r) => [r.status, r.error?.message]),
                    step.id,
                ).to.deep.equal([["applied", undefined]]);
                const catalog = await harness.dump(dataSource);
                expect(diffCatalogs(await synchronizedCatalog(harness, step.build), catalog, { a: `synchronize() ${step.id}`, b: "migrations" })).to.deep.equal(
                    [],
                );
                expect(pendingChanges(RevisionStore.open(dir), await readSchema(step.build(db.options))).ops, step.id).to.deep.equal([]);
                catalogs.push(catalog);
                await hooks.afterUpgrade?.(i, dataSource);
            }
        });

        it("each down restores the catalog before it", async () => {
            for (let i = steps.length - 2; i >= -1; i--) {
                const results = await runner().downgrade(i < 0 ? null : steps[i].id);
                expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["reverted", undefined]]);
                expect(diffCatalogs(catalogs[i + 1], await harness.dump(dataSource), { a: "before", b: "after the down" })).to.deep.equal([]);
                await hooks.afterDowngrade?.(i, dataSource);
            }
        });
    });
}
