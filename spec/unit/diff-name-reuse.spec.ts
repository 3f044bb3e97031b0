import { expect } from "chai";
import fc from "fast-check";
import { WorkingSchema, applyOps } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import type { Op } from "../../lib/diff/ops";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Column, type Index, type Schema } from "../../lib/schema/model";
import { clashes, nameReusePairArbitrary, namesHeld } from "../support/name-reuse-arbitrary";
import { propertyRuns } from "../support/property-runs";
import * as model from "../support/model-builders";
import { sameSchema } from "../support/schema-arbitrary";

/** The first op after which two objects hold one name, with the clash; null when there is none. */
function firstClash(start: Schema, ops: readonly Op[]): string | null {
    const working = new WorkingSchema(start);
    for (const [i, op] of ops.entries()) {
        working.apply(op);
        const found = clashes(working.toSchema());
        if (found.length > 0) return `op ${i} (${op.kind}: ${op.reasons.join("; ")}) leaves ${found.join(" | ")}`;
    }
    return null;
}

const column = (table: string, name: string): Column => model.column({ schema: "public", table, name, type: "integer" });
const index = (table: string, name: string, on: string): Index => model.index({ schema: "public", table, name, columns: [on] });
const twoTables = (indexes: Index[]): Schema =>
    canonicalize({
        ...emptySchema("postgres", "public", "1.1.1"),
        tables: ["a", "b"].map((table) => model.table({ schema: "public", table })),
        columns: [column("a", "x"), column("b", "y")],
        indexes,
    });
const summary = (ops: readonly Op[]) =>
    ops.map((op) => {
        if (op.kind === "renameIndex") return `renameIndex ${op.before.table}.${op.before.name} → ${op.after.name}`;
        if (op.kind === "dropIndex" || op.kind === "createIndex") return `${op.kind} ${op.index.table}.${op.index.name}`;
        return op.kind;
    });

describe("differ: a name is free before another object takes it", () => {
    it("drops A's IDX_shared before B's IDX_old is renamed to it, and the down renames it back before re-creating A's", () => {
        const v1 = twoTables([index("a", "IDX_shared", "x"), index("b", "IDX_old", "y")]);
        const v2 = twoTables([index("b", "IDX_shared", "y")]);
        const up = diff(v1, v2);
        expect(summary(up)).to.deep.equal(["dropIndex a.IDX_shared", "renameIndex b.IDX_old → IDX_shared"]);
        expect(summary(invertOps(up))).to.deep.equal(["renameIndex b.IDX_shared → IDX_old", "createIndex a.IDX_shared"]);
    });

    it("swaps two index names by dropping and re-creating one of them, both ways", () => {
        const v1 = twoTables([index("a", "IDX_first", "x"), index("b", "IDX_second", "y")]);
        const v2 = twoTables([index("a", "IDX_second", "x"), index("b", "IDX_first", "y")]);
        const up = diff(v1, v2);
        expect(summary(up)).to.deep.equal(["dropIndex a.IDX_first", "renameIndex b.IDX_second → IDX_first", "createIndex a.IDX_second"]);
        expect(firstClash(v1, up)).to.equal(null);
        expect(firstClash(v2, invertOps(up))).to.equal(null);
        expect(sameSchema(applyOps(v1, up), v2)).to.equal(true);
        expect(sameSchema(applyOps(v2, invertOps(up)), v1)).to.equal(true);
    });

    it("swaps two constraint names through a temporary name, both ways", () => {
        const unique = (table: string, name: string, on: string) => ({ schema: "public", table, name, columns: [on], deferrable: null });
        const v1 = canonicalize({ ...twoTables([]), uniques: [unique("a", "UQ_first", "x"), unique("b", "UQ_second", "y")] });
        const v2 = canonicalize({ ...twoTables([]), uniques: [unique("a", "UQ_second", "x"), unique("b", "UQ_first", "y")] });
        const up = diff(v1, v2);
        expect(up.map((op) => (op.kind === "renameConstraint" ? `${op.table.table}.${op.before} → ${op.after}` : op.kind))).to.deep.equal([
            "a.UQ_first → tm_swap_1",
            "b.UQ_second → UQ_first",
            "a.tm_swap_1 → UQ_second",
        ]);
        expect(firstClash(v1, up)).to.equal(null);
        expect(firstClash(v2, invertOps(up))).to.equal(null);
        expect(sameSchema(applyOps(v1, up), v2)).to.equal(true);
        expect(sameSchema(applyOps(v2, invertOps(up)), v1)).to.equal(true);
    });

    it("leaves a list that reuses no name in the order it had", () => {
        const v1 = twoTables([index("a", "IDX_a", "x")]);
        const v2 = twoTables([index("a", "IDX_a2", "x"), index("b", "IDX_b", "y")]);
        expect(summary(diff(v1, v2))).to.deep.equal(["renameIndex a.IDX_a → IDX_a2", "createIndex b.IDX_b"]);
    });
});

describe("differ properties: names moved, swapped and reused between random schemas", () => {
    it("the generator makes schemas without clashes, and pairs where the differ renames", () => {
        const pairs = fc.sample(nameReusePairArbitrary, { numRuns: 200, seed: 7 });
        expect(pairs.every(({ from, to }) => clashes(from).length === 0 && clashes(to).length === 0)).to.equal(true);
        const renaming = pairs.filter(({ from, to }) => diff(from, to).some((op) => op.kind.startsWith("rename")));
        expect(renaming.length).to.be.greaterThan(20);
        // A name one object holds before and another after: what the property is about.
        const reused = pairs.filter(({ from, to }) => {
            const after = namesHeld(to);
            return [...namesHeld(from)].some(([key, who]) => after.has(key) && after.get(key)?.join() !== who.join());
        });
        expect(reused.length).to.be.greaterThan(100);
    });

    it("no op of diff(A, B), nor of its inverse, takes a name another object still holds", () => {
        fc.assert(
            fc.property(nameReusePairArbitrary, ({ from, to }) => {
                const up = diff(from, to);
                expect(firstClash(from, up), "up").to.equal(null);
                expect(firstClash(to, invertOps(up)), "down").to.equal(null);
            }),
            propertyRuns(500),
        );
    });

    it("the same with the third table renamed (when it is there on both sides under different names)", () => {
        fc.assert(
            fc.property(nameReusePairArbitrary, ({ from, to }) => {
                const [before, after] = [from.tables[2], to.tables[2]];
                const renames =
                    before &&
                    after &&
                    before.table !== after.table &&
                    !to.tables.some((t) => t.table === before.table) &&
                    !from.tables.some((t) => t.table === after.table)
                        ? { tables: [{ from: { schema: "public", table: before.table }, to: { schema: "public", table: after.table } }], columns: [] }
                        : undefined;
                const up = diff(from, to, { renames });
                expect(firstClash(from, up), "up").to.equal(null);
                expect(firstClash(to, invertOps(up)), "down").to.equal(null);
                expect(sameSchema(applyOps(from, up), to)).to.equal(true);
            }),
            propertyRuns(500),
        );
    });

    it("and the reordered ops still lead from A to B and back", () => {
        fc.assert(
            fc.property(nameReusePairArbitrary, ({ from, to }) => {
                const up = diff(from, to);
                return sameSchema(applyOps(from, up), to) && sameSchema(applyOps(to, invertOps(up)), from);
            }),
            propertyRuns(500),
        );
    });
});
