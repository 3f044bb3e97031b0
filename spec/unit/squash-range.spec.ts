import { expect } from "chai";
import { squashRange } from "../../lib/generate/plan-squash";
import { SquashRangeError } from "../../lib/revisions/errors";
import { RevisionGraph } from "../../lib/revisions/graph";
import type { RevisionStore } from "../../lib/store/revision-store";
import { revisionNode as node } from "../support/revision-nodes";

// a1 → b2, which branches into c3 and d4; m5 merges them; e6 follows.
const graph = new RevisionGraph([
    node("a1", [], 1),
    node("b2", ["a1"], 2),
    node("c3", ["b2"], 3),
    node("d4", ["b2"], 4),
    node("m5", ["c3", "d4"], 5),
    node("e6", ["m5"], 6),
]);
// Only the graph is read, and each revision's delta to tell generated migrations (ops) from hand-written ones.
const store = { graph, delta: () => ({ ops: [{ kind: "createTable" }] }) } as unknown as RevisionStore;
const range = (spec: string) => squashRange(store, spec).revisions.map((n) => n.revision);

describe("squash: which revisions a range replaces", () => {
    it("every ancestor of <to> that is not one of <from>, merges included; <from> defaults to base", () => {
        expect(range("a1:m5")).to.deep.equal(["b2", "c3", "d4", "m5"]);
        expect(range("e6")).to.deep.equal(["a1", "b2", "c3", "d4", "m5", "e6"]);
        expect(range(":head")).to.deep.equal(["a1", "b2", "c3", "d4", "m5", "e6"]);
        expect(squashRange(store, "a1:e6")).to.include({ from: "a1", to: "e6" });
    });

    it("refuses a merge whose other parent stays outside, a branch leaving the range early, and <from> not below <to>", () => {
        expect(() => squashRange(store, "c3:m5"))
            .to.throw(SquashRangeError)
            .with.property("message", "d4 has parent b2, outside the range and not its start (a merge leaves a parent out); start the range at b2 or below");
        expect(() => squashRange(store, "a1:c3"))
            .to.throw(SquashRangeError)
            .with.property("message", "b2 has child d4 outside the range (a branch); merge it first or end the range at b2");
        expect(() => squashRange(store, "c3:d4")).to.throw(SquashRangeError, "c3 is not an ancestor of d4");
        expect(() => squashRange(store, "d4:d4")).to.throw(SquashRangeError, "the same revision");
        expect(() => squashRange(store, "base")).to.throw(SquashRangeError, "nothing to squash: base is base");
    });
});
