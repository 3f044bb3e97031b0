import { expect } from "chai";
import { zooSetsFor } from "../../fixtures/zoo";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasBuiltView, offlineDataSource, readBothWays, readThroughCache } from "../support/read-both-ways";

// The zoo's sets (trees, single-table inheritance, embedded, shared tables, many-to-many, views,
// naming strategies, other schemas) read in pieces read what the whole build reads. The zoo uses
// @ForeignKey, which TypeORM 0.3 lacks: spec/typeorm/read-in-pieces.spec.ts runs on both majors.

const sets = (["postgres", "better-sqlite3"] as const).flatMap((type) => zooSetsFor(type).map((set) => ({ type, set })));

describe("reading the zoo in pieces", () => {
    for (const { type, set } of sets) {
        it(`"${set.name}" on ${type}: pieces of 1 and 3 read what the whole build reads`, async () => {
            for (const size of [1, 3]) {
                const { whole, pieced } = await readBothWays(() => offlineDataSource(type, set.entities, set.options), size);
                if (pieced === null) {
                    expect(hasBuiltView(set.entities), `not cut into pieces of ${size}`).to.equal(true);
                    continue;
                }
                expect(JSON.stringify(pieced)).to.equal(JSON.stringify(whole));
            }
        });
    }

    it("every set without a view built by a query builder is cut", async () => {
        const cuttable = sets.filter(({ set }) => !hasBuiltView(set.entities));
        expect(cuttable.length).to.be.greaterThan(sets.length / 2);
        for (const { type, set } of cuttable)
            expect(await readBothWays(() => offlineDataSource(type, set.entities, set.options), 2).then((r) => r.pieced)).not.to.equal(null);
    });

    describe("with what earlier reads kept (UnitCache)", () => {
        let folder: string;
        beforeEach(() => (folder = mkdtempSync(join(tmpdir(), "tm-units-"))));
        afterEach(() => rmSync(folder, { recursive: true, force: true }));

        // Every set in turn through one file: sets reuse class and table names with other columns,
        // relations and options, so a unit's key must tell them apart.
        it("each set reads what the whole build reads, and read again takes every unit from the file and builds none", async () => {
            const file = join(folder, "units.jsonl");
            let checked = 0;
            for (const { type, set } of sets.filter(({ set }) => !hasBuiltView(set.entities))) {
                const make = () => offlineDataSource(type, set.entities, set.options);
                const { whole } = await readBothWays(make, 2);
                const { first, again, found, added } = await readThroughCache(make, 2, file);
                expect(JSON.stringify(first), `"${set.name}" on ${type}, first read`).to.equal(JSON.stringify(whole));
                expect(JSON.stringify(again), `"${set.name}" on ${type}, read again`).to.equal(JSON.stringify(whole));
                expect(found, `"${set.name}" on ${type}: units found`).to.be.greaterThan(0);
                expect(added, `"${set.name}" on ${type}: units built again`).to.equal(0);
                checked++;
            }
            expect(checked).to.be.greaterThan(sets.length / 2);
        });
    });
});
