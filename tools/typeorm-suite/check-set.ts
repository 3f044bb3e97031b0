import { join } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { Runner, type MigrationResult } from "../../lib/runner/runner";
import { RevisionStore } from "../../lib/store/revision-store";
import { diffCatalogs } from "../../spec/support/catalog/compare";
import { connectForMigrations, type DialectHarness } from "../../spec/support/dialect-harness";
import { generateFor } from "../../spec/support/generate";
import { synchronizedCatalogOf } from "../../spec/support/synchronized";

/** What one entity set came to on one dialect. */
export type SetOutcome =
    | { readonly status: "ok" }
    /** TypeORM's own synchronize() fails on these entities here: nothing to compare with. */
    | { readonly status: "synchronize failed"; readonly error: string }
    /** No entity to migrate, and synchronize() built nothing either. */
    | { readonly status: "no migration" }
    | { readonly status: "failed"; readonly step: string; readonly error: string }
    | {
          readonly status: "differs";
          /** Catalog lines where the migrated database is not what synchronize() builds. */
          readonly fromSynchronize: readonly string[];
          /** What `check` would still report after the upgrade. */
          readonly pending: readonly string[];
          /** Catalog lines where the database after downgrading to base is not the empty one. */
          readonly afterDowngrade: readonly string[];
      };

const firstLines = (error: unknown) =>
    String(error instanceof Error ? (error.stack ?? error.message) : error)
        .split("\n")
        .slice(0, 3)
        .join(" | ");

function failureOf(results: readonly MigrationResult[]): Error | undefined {
    return results.find((result) => result.error !== undefined)?.error;
}

/**
 * The entities matched by `entityGlob` on `harness`: synchronize() on one scratch database; on
 * another, generate from nothing, upgrade, compare the catalogs, check, downgrade to base.
 */
export async function checkSet(entityGlob: string, harness: DialectHarness, migrationsDir: string): Promise<SetOutcome> {
    const build = (options: BlogDataSourceOptions) => new DataSource({ ...options, entities: [entityGlob], logging: false } as DataSourceOptions);
    let synchronized;
    try {
        synchronized = await synchronizedCatalogOf(harness, build);
    } catch (error) {
        return { status: "synchronize failed", error: firstLines(error).slice(0, 300) };
    }
    const db = await harness.createDatabase();
    const dir = join(migrationsDir, harness.name);
    let dataSource: DataSource | undefined;
    let step = "connect";
    try {
        dataSource = await connectForMigrations(build(db.options));
        const empty = await harness.dump(dataSource);
        step = "generate";
        const file = await generateFor(dir, build(db.options), { message: "init", revisionId: "sweep0001", timestamp: 1764000000000 });
        if (file === null) {
            // Nothing to migrate: synchronize() must have built nothing either.
            const fromSynchronize = diffCatalogs(synchronized, empty, { a: "synchronize()", b: "no migration" });
            return fromSynchronize.length === 0 ? { status: "no migration" } : { status: "differs", fromSynchronize, pending: [], afterDowngrade: [] };
        }
        step = "upgrade";
        const upFailure = failureOf(await new Runner(dataSource, RevisionStore.open(dir)).upgrade(RevisionStore.open(dir).graph.resolve("head")));
        if (upFailure !== undefined) throw upFailure;
        const fromSynchronize = diffCatalogs(synchronized, await harness.dump(dataSource), { a: "synchronize()", b: "migrations" });
        step = "check";
        const pending = pendingChanges(RevisionStore.open(dir), await readSchema(build(db.options))).ops.map((op) => `${op.kind}: ${op.reasons.join("; ")}`);
        step = "downgrade";
        const downFailure = failureOf(await new Runner(dataSource, RevisionStore.open(dir)).downgrade(null));
        if (downFailure !== undefined) throw downFailure;
        const afterDowngrade = diffCatalogs(empty, await harness.dump(dataSource), { a: "empty", b: "after downgrade" });
        if (fromSynchronize.length + pending.length + afterDowngrade.length === 0) return { status: "ok" };
        return { status: "differs", fromSynchronize, pending, afterDowngrade };
    } catch (error) {
        return { status: "failed", step, error: firstLines(error).slice(0, 600) };
    } finally {
        if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
        await db.drop().catch(() => undefined);
    }
}
