import { expect } from "chai";
import { AmbiguousRevisionError, InvalidRangeError, MultipleHeadsError, RelativeTargetError, UnknownRevisionError } from "../../lib/revisions/errors";
import { RevisionGraph } from "../../lib/revisions/graph";
import { resolveRange, resolveTarget } from "../../lib/revisions/targets";
import { revisionNode as node } from "../support/revision-nodes";

//   a1 ── b2 ──┬── c3 ──┐
//              └── d4 ──┴── m5 ── e6      (c3 and d4 branch from b2, m5 merges them)
const merged = () =>
    new RevisionGraph([
        node("a1", [], 1),
        node("b2", ["a1"], 2),
        node("c3", ["b2"], 3),
        node("d4", ["b2"], 4),
        node("m5", ["c3", "d4"], 5),
        node("e6", ["m5"], 6),
    ]);
const branched = () => new RevisionGraph([node("a1", [], 1), node("b2", ["a1"], 2), node("c3", ["b2"], 3), node("d4", ["b2"], 4)]);

describe("revision targets", () => {
    it("base, head, heads, full ids and unambiguous prefixes", () => {
        expect(resolveTarget(merged(), "base")).to.deep.equal([]);
        expect(resolveTarget(merged(), "head")).to.deep.equal(["e6"]);
        expect(resolveTarget(branched(), "heads")).to.deep.equal(["c3", "d4"]);
        expect(() => resolveTarget(branched(), "head")).to.throw(MultipleHeadsError, /c3, d4/);
        expect(resolveTarget(merged(), "m")).to.deep.equal(["m5"]);
        expect(() => resolveTarget(merged(), "zz")).to.throw(UnknownRevisionError);
        const ambiguous = new RevisionGraph([node("ab1", [], 1), node("ab2", ["ab1"], 2)]);
        expect(() => resolveTarget(ambiguous, "ab")).to.throw(AmbiguousRevisionError, /ab1, ab2/);
    });

    it("+N and -N step from the current revision; from base, +1 is the first revision", () => {
        expect(resolveTarget(merged(), "+1", [])).to.deep.equal(["a1"]);
        expect(resolveTarget(merged(), "+2", [])).to.deep.equal(["b2"]);
        expect(() => resolveTarget(merged(), "+2", ["a1"])).to.throw(RelativeTargetError, /b2 branches into c3, d4/);
        expect(resolveTarget(merged(), "-1", ["e6"])).to.deep.equal(["m5"]);
        expect(resolveTarget(merged(), "-1", ["a1"])).to.deep.equal([]);
        expect(() => resolveTarget(merged(), "-2", ["a1"])).to.throw(RelativeTargetError, /only 1 step\(s\) below a1/);
        expect(() => resolveTarget(branched(), "+1", ["c3", "d4"])).to.throw(RelativeTargetError, /several revisions \(c3, d4\)/);
    });

    it("<rev>+N and <rev>-N step from a named revision and refuse to guess at forks and merges", () => {
        expect(resolveTarget(merged(), "a1+1")).to.deep.equal(["b2"]);
        expect(resolveTarget(merged(), "e6-1")).to.deep.equal(["m5"]);
        expect(resolveTarget(merged(), "c3+2")).to.deep.equal(["e6"]);
        expect(() => resolveTarget(merged(), "b2+1")).to.throw(RelativeTargetError, /b2 branches into c3, d4/);
        expect(() => resolveTarget(merged(), "m5-1")).to.throw(RelativeTargetError, /m5 merges c3, d4/);
        expect(() => resolveTarget(merged(), "e6+1")).to.throw(RelativeTargetError, /only 0 step\(s\) above e6/);
    });

    it("a revision id that itself ends in -N is a revision, not a relative target", () => {
        const graph = new RevisionGraph([node("release-1", [], 1), node("release-2", ["release-1"], 2)]);
        expect(resolveTarget(graph, "release-2")).to.deep.equal(["release-2"]);
        expect(resolveTarget(graph, "release-2-1")).to.deep.equal(["release-1"]);
    });

    it("ranges <from>:<to> hold both ends and what lies between, parents first", () => {
        const ids = (range: string, current: string[] = []) => resolveRange(merged(), range, current).map((n) => n.revision);
        expect(ids("b2:m5")).to.deep.equal(["b2", "c3", "d4", "m5"]);
        expect(ids(":b2")).to.deep.equal(["a1", "b2"]);
        expect(ids("m5:")).to.deep.equal(["m5", "e6"]);
        expect(ids(":")).to.deep.equal(["a1", "b2", "c3", "d4", "m5", "e6"]);
        expect(ids("c3:e6")).to.deep.equal(["c3", "m5", "e6"]);
        expect(ids("-1:", ["e6"])).to.deep.equal(["m5", "e6"]);
        expect(() => ids("e6:a1")).to.throw(InvalidRangeError, /e6 is not an ancestor of a1/);
        expect(() => ids("b2")).to.throw(InvalidRangeError, /not a range/);
    });

    it("graph shape: bases, branch points, merge points, descendants", () => {
        const graph = merged();
        expect(graph.bases()).to.deep.equal(["a1"]);
        expect(graph.branchPoints()).to.deep.equal(["b2"]);
        expect(graph.mergePoints()).to.deep.equal(["m5"]);
        expect([...graph.descendants("d4")].sort()).to.deep.equal(["d4", "e6", "m5"]);
    });
});
