import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { detectDrift } from "../../lib/database/drift";
import { readSchema } from "../../lib/entities/read-schema";
import { planBaseline } from "../../lib/generate/plan-from-database";
import { writeRevision } from "../../lib/generate/write-revision";
import { introspect } from "../../lib/introspect";
import { Runner } from "../../lib/runner/runner";
import type { Schema } from "../../lib/schema/model";
import { RevisionStore } from "../../lib/store/revision-store";
import { enumValue, namedChanges, type HandChange, type SweepDialect } from "./drift-sweep-changes";
import { inPlaceChanges } from "./drift-sweep-changes-in-place";
import { moreChanges } from "./drift-sweep-changes-more";
import { connectForMigrations, type DialectHarness, type ScratchDatabase } from "./dialect-harness";
import { generateFor } from "./generate";
import type { VersionStep } from "./version-steps";

/** Rows written after the first version, and queries whose answers must not change from then on. */
export interface SweepRows {
    readonly inserts: readonly string[];
    readonly probes: readonly string[];
}

/** A fixture's versions on one dialect, built by our own generate + upgrade. */
export interface SweepFixture {
    readonly title: string;
    readonly harness: DialectHarness;
    readonly steps: readonly VersionStep[];
    readonly rows: SweepRows;
    /**
     * Built by this hand-written SQL and adopted (init --from-db, through the library) instead of
     * upgraded through `steps`, whose first data source (no entities) only connects.
     */
    readonly adopted?: readonly string[];
    /** Run on the fresh database before the first migration (a default schema the data source needs). */
    readonly prepare?: (dataSource: DataSource) => Promise<void>;
    /**
     * Kinds of hand change the fixture has nothing for (no view, no enum, ...); every other kind must
     * apply. "any": a small fixture swept for what it has, the other kinds reported pending.
     */
    readonly lacks?: readonly string[] | "any";
}

/** Every kind of hand-made change the sweep makes; the enum value, which PostgreSQL cannot undo, last. */
const handChanges: readonly HandChange[] = [...namedChanges, ...moreChanges, ...inPlaceChanges, enumValue];

const dialectOf = (harness: DialectHarness): SweepDialect => (harness.name === "mariadb" ? "mysql" : harness.name);

/** The ops `check --db` lists, as it prints them (`kind: first reason`). */
async function driftLines(dataSource: DataSource, dir: string): Promise<{ kinds: string[]; lines: string[]; expected: Schema }> {
    const store = RevisionStore.open(dir);
    const { applied } = await new Runner(dataSource, store).state();
    const drift = await detectDrift(dataSource, store, store.graph.currentHeads(applied));
    return { kinds: drift.ops.map((op) => op.kind).sort(), lines: drift.ops.map((op) => `${op.kind}: ${op.reasons.join("; ")}`), expected: drift.expected };
}

/** `init --from-db` through the library: a baseline of the live database, written to `dir` and stamped there. */
async function adopt(dataSource: DataSource, dir: string, entities: DataSource): Promise<void> {
    const store = RevisionStore.open(dir);
    const live = await introspect(dataSource, { reference: await readSchema(entities) });
    const baseline = planBaseline(store, live, [], { message: "Baseline of the existing database", bind: "default", now: 1764000000000 });
    writeRevision(dir, baseline);
    await new Runner(dataSource, RevisionStore.open(dir)).stamp(baseline.revision);
}

/**
 * Issue 16's sweep on one fixture and dialect: after our own upgrade `check --db` finds nothing;
 * then each kind of hand-made change, applied by SQL, is found once in the differ's words, and
 * undone; the rows written after the first version survive all of it.
 */
export function describeDriftSweep(fixture: SweepFixture): void {
    const { harness, steps, rows } = fixture;
    describe(`drift sweep: ${fixture.title} on ${harness.name}`, () => {
        let db: ScratchDatabase;
        let dataSource: DataSource;
        let dir: string;
        let answers: unknown[];
        let snapshot: Schema;
        const probe = () => Promise.all(rows.probes.map((sql) => dataSource.query(sql)));

        before(async () => {
            db = await harness.createDatabase();
            dir = mkdtempSync(join(tmpdir(), "tm-sweep-"));
            dataSource = await connectForMigrations(steps[0].build(db.options));
            await fixture.prepare?.(dataSource);
        });
        after(async () => {
            if (dataSource?.isInitialized) await dataSource.destroy();
            await db?.drop();
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        const built = fixture.adopted === undefined ? `our own upgrade (${steps.map((s) => s.id).join(" → ")})` : "init --from-db";
        it(`after ${built} check --db reports nothing, rows kept`, async () => {
            if (fixture.adopted !== undefined) {
                for (const sql of [...fixture.adopted, ...rows.inserts]) await dataSource.query(sql);
                answers = await probe();
                await adopt(dataSource, dir, steps[0].build(db.options));
            }
            for (const [i, step] of (fixture.adopted === undefined ? steps : []).entries()) {
                await generateFor(dir, step.build(db.options), {
                    message: step.id,
                    revisionId: step.id,
                    timestamp: 1764000000000 + i * 1000,
                    renames: step.renames,
                });
                const results = await new Runner(dataSource, RevisionStore.open(dir)).upgrade(step.id);
                expect(results.map((r) => [r.status, r.error?.message])).to.deep.equal([["applied", undefined]]);
                if (i === 0) {
                    for (const sql of rows.inserts) await dataSource.query(sql);
                    answers = await probe();
                }
            }
            const drift = await driftLines(dataSource, dir);
            expect(drift.lines).to.deep.equal([]);
            snapshot = drift.expected;
            expect(await probe()).to.deep.equal(answers);
        });

        const applies = (change: HandChange) =>
            (change.dialects?.includes(dialectOf(harness)) ?? true) && (fixture.adopted !== undefined || !change.adoptedOnly);
        /** Makes the change, expects it reported once in the differ's words, undoes it: the database clean, its rows as they were. */
        const sweep = async (planned: NonNullable<ReturnType<HandChange["plan"]>>) => {
            await planned.apply();
            try {
                const drift = await driftLines(dataSource, dir);
                expect(drift.kinds, drift.lines.join("\n")).to.deep.equal(planned.expected.kinds);
                for (const line of drift.lines) expect(line).to.include(planned.expected.mentions);
            } finally {
                await planned.undo?.();
            }
            if (planned.undo === null) return;
            expect((await driftLines(dataSource, dir)).lines, "after the undo").to.deep.equal([]);
            expect(await probe()).to.deep.equal(answers);
        };
        const changes = handChanges.filter(applies);
        if (fixture.lacks === "any") {
            // A small fixture: every kind it has something for, in one test (the others do not apply).
            it("each hand change it has something for: reported once, in the differ's words", async () => {
                let swept = 0;
                for (const change of changes) {
                    const planned = change.plan(dialectOf(harness), dataSource, snapshot);
                    if (planned === null) continue;
                    try {
                        await sweep(planned);
                    } catch (error) {
                        throw new Error(`${change.kind} by hand: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
                    }
                    swept++;
                }
                expect(swept, `${fixture.title} has nothing to change by hand`).to.be.greaterThan(0);
            });
        }
        for (const change of fixture.lacks === "any" ? [] : changes) {
            it(`${change.kind} by hand: reported once, in the differ's words`, async () => {
                const planned = change.plan(dialectOf(harness), dataSource, snapshot);
                if (fixture.lacks?.includes(change.kind)) {
                    expect(planned, `${fixture.title} lists ${change.kind} as lacking`).to.equal(null);
                    return;
                }
                expect(planned, `${fixture.title} has nothing for ${change.kind}`).not.to.equal(null);
                if (planned !== null) await sweep(planned);
            });
        }
    });
}
