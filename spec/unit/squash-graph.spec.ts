import { expect } from "chai";
import { ReplacedRevisionError, SquashedParentError, SquashedRangeGoneError } from "../../lib/revisions/errors";
import { formatHeader, parseHeader } from "../../lib/revisions/header";
import { RevisionGraph, type RevisionNode } from "../../lib/revisions/graph";
import { resolveTarget } from "../../lib/revisions/targets";
import { revisionNode as node } from "../support/revision-nodes";

// r1 → r2 → r3 → r4 → r5 (r5 written before the squash, on r4); sq replaces r2..r4 from r1; c6 written after it, on r5.
const old = [node("r1", [], 1), node("r2", ["r1"], 2), node("r3", ["r2"], 3), node("r4", ["r3"], 4), node("r5", ["r4"], 5)];
const squash = node("sq", ["r1"], 10, ["r2", "r3", "r4"]);
const withFiles = () => new RevisionGraph([...old, squash, node("c6", ["r5"], 11)]);
const filesDeleted = () => new RevisionGraph([old[0], old[4], squash, node("c6", ["r5"], 11)]);
const ids = (nodes: readonly RevisionNode[]) => nodes.map((n) => n.revision);

describe("squash: the revision graph", () => {
    it("the squash stands in for the range's last revision: its children become the squash's, one head, one line", () => {
        for (const graph of [withFiles(), filesDeleted()]) {
            expect(graph.heads()).to.deep.equal(["c6"]);
            expect(graph.get("r5").parents).to.deep.equal(["sq"]);
            expect(graph.childrenOf("sq")).to.deep.equal(["r5"]);
            expect(graph.childrenOf("r1")).to.deep.equal(["sq"]);
            expect(graph.bases()).to.deep.equal(["r1"]);
            expect(graph.branchPoints()).to.deep.equal([]);
            expect(graph.standInFor("r4")).to.equal("sq");
        }
    });

    it("while the replaced files are present they stay in the graph, off the main line, each naming its squash", () => {
        const graph = withFiles();
        expect(graph.replacedBy("r3")).to.equal("sq");
        expect(graph.childrenOf("r3")).to.deep.equal(["r4"]);
        expect(graph.childrenOf("r4")).to.deep.equal([]);
        expect(filesDeleted().has("r3")).to.equal(false);
        expect(filesDeleted().replacedBy("r3")).to.equal(undefined);
    });

    it("a fresh database runs the squash instead of the replaced revisions", () => {
        expect(ids(withFiles().toApply(new Set(), "c6"))).to.deep.equal(["r1", "sq", "r5", "c6"]);
        expect(ids(filesDeleted().toApply(new Set(), "c6"))).to.deep.equal(["r1", "sq", "r5", "c6"]);
    });

    it("a database with every replaced revision is at the squash: nothing of the range runs again", () => {
        const applied = new Set(["r1", "r2", "r3", "r4"]);
        for (const graph of [withFiles(), filesDeleted()]) {
            expect(graph.settle(applied).has("sq")).to.equal(true);
            expect(graph.currentHeads(applied)).to.deep.equal(["sq"]);
            expect(ids(graph.toApply(applied, "c6"))).to.deep.equal(["r5", "c6"]);
            expect(ids(graph.toRevert(applied, "r1"))).to.deep.equal(["sq"]);
        }
    });

    it("a database part-way through the range goes on through the old files, then past the squash's children", () => {
        const applied = new Set(["r1", "r2"]);
        const graph = withFiles();
        expect(graph.currentHeads(applied)).to.deep.equal(["r2"]);
        expect(ids(graph.toApply(applied, "c6"))).to.deep.equal(["r3", "r4", "r5", "c6"]);
        expect(ids(graph.toApply(applied, "sq"))).to.deep.equal(["r3", "r4"]);
        expect(ids(graph.toRevert(applied, "r1"))).to.deep.equal(["r2"]);
    });

    it("a database part-way through, with the old files gone, is refused naming where it is", () => {
        const graph = filesDeleted();
        expect(() => graph.toApply(new Set(["r1", "r2", "r3"]), "c6"))
            .to.throw(SquashedRangeGoneError)
            .with.property("message")
            .that.matches(/the database is at r3, part-way through the revisions squash sq replaces/);
        expect(() => graph.currentHeads(new Set(["r1", "r2"]))).to.throw(SquashedRangeGoneError);
    });

    it("a target inside the range takes the old path on a database before it, and is refused on one past it", () => {
        const graph = withFiles();
        expect(ids(graph.toApply(new Set(["r1"]), "r3"))).to.deep.equal(["r2", "r3"]);
        expect(ids(graph.toApply(new Set(), "r2"))).to.deep.equal(["r1", "r2"]);
        expect(() => graph.toRevert(new Set(["r1", "sq"]), "r3")).to.throw(ReplacedRevisionError);
    });

    it("a database at the squash goes down into the range through the old files while they are present", () => {
        const applied = new Set(["r1", "r2", "r3", "r4", "sq", "r5"]);
        expect(ids(withFiles().toRevert(applied, "r2"))).to.deep.equal(["r5", "r4", "r3"]);
        expect(() => filesDeleted().toRevert(applied, "r2")).to.throw(ReplacedRevisionError);
    });

    it("two squashes one after the other: each database takes each range its own way", () => {
        const chain = Array.from({ length: 6 }, (_, i) => node(`r${i + 1}`, i === 0 ? [] : [`r${i}`], i + 1));
        const graph = new RevisionGraph([...chain, node("s1", [], 20, ["r1", "r2", "r3"]), node("s2", ["s1"], 21, ["r4", "r5"])]);
        expect(graph.heads()).to.deep.equal(["r6"]);
        expect(ids(graph.toApply(new Set(), "r6"))).to.deep.equal(["s1", "s2", "r6"]);
        expect(ids(graph.toApply(new Set(["r1", "r2", "r3", "r4"]), "r6"))).to.deep.equal(["r5", "r6"]);
        expect(ids(graph.toApply(new Set(["r1", "r2"]), "r6"))).to.deep.equal(["r3", "s2", "r6"]);
        expect(graph.currentHeads(new Set(["r1", "r2", "r3", "r4", "r5"]))).to.deep.equal(["s2"]);
    });

    it("relative targets walk the main line: +1 from the range's start is the squash", () => {
        const graph = withFiles();
        expect(resolveTarget(graph, "+1", ["r1"])).to.deep.equal(["sq"]);
        expect(resolveTarget(graph, "-1", ["sq"])).to.deep.equal(["r1"]);
    });

    it("relative targets from part-way through a range count the old files' steps, as the database runs them", () => {
        const graph = withFiles();
        expect(resolveTarget(graph, "+2", ["r3"])).to.deep.equal(["r5"]);
        expect(resolveTarget(graph, "+3", ["r3"])).to.deep.equal(["c6"]);
        expect(resolveTarget(graph, "r2+1", [])).to.deep.equal(["r3"]);
        expect(resolveTarget(graph, "-2", ["r4"])).to.deep.equal(["r2"]);
        // At the squash or past it, the squash is one step.
        expect(resolveTarget(graph, "-2", ["r5"])).to.deep.equal(["r1"]);
        expect(resolveTarget(graph, "+2", ["r1"])).to.deep.equal(["r5"]);
        expect(() => resolveTarget(graph, "+4", ["r3"])).to.throw("+4: only 3 step(s) above r3");
    });

    it("refuses a revision whose parent is replaced but is not the range's last (a branch off the middle)", () => {
        expect(() => new RevisionGraph([...old, squash, node("b7", ["r3"], 7)]))
            .to.throw(SquashedParentError)
            .with.property("message")
            .that.matches(/b7 has parent r3, which squash sq replaces/);
    });

    it("the header lists the replaced revisions with their class names, and reads them back", () => {
        const header = { revision: "sq", parents: ["r1"], bind: "default", message: "squashed", replaces: [{ revision: "r2", name: "AddThing1700000000002" }] };
        const text = [...formatHeader(header), "export class Squashed1700000000010 {}"].join("\n");
        expect(parseHeader(text, "sq.ts")).to.deep.equal(header);
        const { replaces: _replaces, ...plain } = header;
        expect(parseHeader([...formatHeader(plain), "export class X1700000000010 {}"].join("\n"), "x.ts")).to.deep.equal(plain);
    });
});
