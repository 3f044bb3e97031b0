import { expect } from "chai";
import { zooSetsFor } from "../../fixtures/zoo";
import { hasBuiltView, offlineDataSource, readBothWays } from "../support/read-both-ways";

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
});
