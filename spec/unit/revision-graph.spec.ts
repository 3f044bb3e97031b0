import { expect } from "chai";
import {
    AmbiguousRevisionError,
    DuplicateRevisionError,
    MissingParentError,
    MultipleHeadsError,
    RevisionCycleError,
    UnknownRevisionError,
} from "../../lib/revisions/errors";
import { RevisionGraph } from "../../lib/revisions/graph";
import { revisionNode as node } from "../support/revision-nodes";

describe("RevisionGraph", () => {
    const chain = () => new RevisionGraph([node("c3", ["b2"], 3), node("a1", [], 1), node("b2", ["a1"], 2)]);

    it("orders parents before children whatever the file order", () => {
        expect(
            chain()
                .all()
                .map((n) => n.revision),
        ).to.deep.equal(["a1", "b2", "c3"]);
    });

    it("finds the single head and resolves head, base, ids and unique prefixes", () => {
        const graph = chain();
        expect(graph.head()).to.equal("c3");
        expect(graph.resolve("head")).to.equal("c3");
        expect(graph.resolve("base")).to.equal(null);
        expect(graph.resolve("b")).to.equal("b2");
        expect(() => graph.resolve("zz")).to.throw(UnknownRevisionError);
    });

    it("applies missing ancestors in order and reverts children first", () => {
        const graph = chain();
        expect(graph.toApply(new Set(["a1"]), "c3").map((n) => n.revision)).to.deep.equal(["b2", "c3"]);
        expect(graph.toRevert(new Set(["a1", "b2", "c3"]), "a1").map((n) => n.revision)).to.deep.equal(["c3", "b2"]);
        expect(graph.toRevert(new Set(["a1", "b2"]), null).map((n) => n.revision)).to.deep.equal(["b2", "a1"]);
    });

    it("applies a branch with an older timestamp that was never applied (set membership, not a high-water mark)", () => {
        const graph = new RevisionGraph([node("a1", [], 1), node("old", ["a1"], 2), node("new", ["a1"], 5), node("m", ["new", "old"], 6)]);
        expect(graph.toApply(new Set(["a1", "new"]), "m").map((n) => n.revision)).to.deep.equal(["old", "m"]);
    });

    it("refuses head when branches are not merged, naming both", () => {
        const graph = new RevisionGraph([node("a1", [], 1), node("b2", ["a1"], 2), node("c3", ["a1"], 3)]);
        expect(() => graph.head()).to.throw(MultipleHeadsError, /b2, c3/);
    });

    it("reports duplicates, missing parents, cycles and ambiguous prefixes with typed errors", () => {
        expect(() => new RevisionGraph([node("a1", [], 1), node("a1", [], 2)])).to.throw(DuplicateRevisionError);
        expect(() => new RevisionGraph([node("b2", ["a1"], 2)])).to.throw(MissingParentError);
        expect(() => new RevisionGraph([node("a1", ["b2"], 1), node("b2", ["a1"], 2)])).to.throw(RevisionCycleError);
        expect(() => new RevisionGraph([node("ab1", [], 1), node("ab2", ["ab1"], 2)]).resolve("ab")).to.throw(AmbiguousRevisionError);
    });

    it("knows which applied revisions are current", () => {
        expect(chain().currentHeads(new Set(["a1", "b2"]))).to.deep.equal(["b2"]);
        expect(chain().currentHeads(new Set())).to.deep.equal([]);
    });
});
