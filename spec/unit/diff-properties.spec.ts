import { expect } from "chai";
import fc from "fast-check";
import { applyOps } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import { schemaArbitrary, sameSchema } from "../support/schema-arbitrary";

describe("differ properties (random schemas)", () => {
    it("applying diff(A, B) to A gives B", () => {
        fc.assert(fc.property(schemaArbitrary, schemaArbitrary, (a, b) => sameSchema(applyOps(a, diff(a, b)), b)), { numRuns: 300 });
    });

    it("applying the inverted ops to B gives A back", () => {
        fc.assert(fc.property(schemaArbitrary, schemaArbitrary, (a, b) => sameSchema(applyOps(b, invertOps(diff(a, b))), a)), { numRuns: 300 });
    });

    it("a schema never differs from itself", () => {
        fc.assert(fc.property(schemaArbitrary, (a) => diff(a, a).length === 0), { numRuns: 100 });
    });

    it("sameSchema itself tells different schemas apart", () => {
        const found = fc.sample(fc.tuple(schemaArbitrary, schemaArbitrary), 50).some(([a, b]) => diff(a, b).length > 0 && !sameSchema(a, b));
        expect(found).to.equal(true);
    });
});
