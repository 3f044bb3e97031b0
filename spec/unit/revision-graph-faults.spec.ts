import { expect } from "chai";
import { RevisionCycleError, SelfParentError } from "../../lib/revisions/errors";
import { RevisionGraph } from "../../lib/revisions/graph";
import { parseDelta } from "../../lib/store/delta-file";
import { SnapshotFormatError } from "../../lib/store/errors";
import { revisionNode as node } from "../support/revision-nodes";

describe("RevisionGraph: faults written into the files", () => {
    it("names a revision that is its own parent", () => {
        expect(() => new RevisionGraph([node("a1", ["a1"], 1)])).to.throw(SelfParentError, /revision a1 names itself as its parent \(a1\.ts\)/);
    });

    it("names the revisions of the cycle only, in parent order, not the revisions stuck below it", () => {
        const graph = () =>
            new RevisionGraph([node("a1", [], 1), node("b2", ["a1", "d4"], 2), node("c3", ["b2"], 3), node("d4", ["c3"], 4), node("e5", ["d4"], 5)]);
        expect(graph).to.throw(RevisionCycleError, /^revisions form a cycle: (b2 → d4 → c3 → b2|c3 → b2 → d4 → c3|d4 → c3 → b2 → d4)$/);
        try {
            graph();
        } catch (error) {
            expect((error as RevisionCycleError).cycle)
                .to.not.include("e5")
                .and.not.include("a1");
        }
    });

    it("finds the parent path from a revision down to an ancestor, and none to a non-ancestor", () => {
        const graph = new RevisionGraph([node("a1", [], 1), node("b2", ["a1"], 2), node("c3", ["a1"], 3), node("m4", ["b2", "c3"], 4)]);
        expect(graph.pathToAncestor("m4", "a1")).to.have.length(3).and.include.members(["m4", "a1"]);
        expect(graph.pathToAncestor("m4", "m4")).to.deep.equal(["m4"]);
        expect(graph.pathToAncestor("b2", "c3")).to.equal(null);
    });
});

describe("parseDelta: the shape of a .json", () => {
    const header = { format: 1, revision: "a1", parents: [], dialect: "sqlite", defaultSchema: "", typeormVersion: "1.0.0" };
    const parse = (value: unknown) => () => parseDelta(JSON.stringify(value), "a1.json");

    it("accepts a well-formed delta", () => {
        expect(parse({ ...header, ops: [{ kind: "createSchema", schema: "s", reasons: [], risk: "safe" }] })().ops).to.have.length(1);
    });

    it("refuses a list, an unknown op kind, an op without its payload, and a missing dialect, naming the file", () => {
        expect(parse([header])).to.throw(SnapshotFormatError, /^a1\.json: not a revision delta/);
        expect(parse({ ...header, ops: [{ kind: "createSchema", schema: "s" }, { kind: "explode" }] })).to.throw(
            SnapshotFormatError,
            /^a1\.json: op 2 has an unknown kind "explode"/,
        );
        expect(parse({ ...header, ops: [7] })).to.throw(SnapshotFormatError, /op 1 is not an object/);
        expect(parse({ ...header, ops: [{ kind: "addColumn", column: "x" }] })).to.throw(SnapshotFormatError, /op 1 \(addColumn\) has no object "column"/);
        expect(parse({ ...header, dialect: "oracle", ops: [] })).to.throw(SnapshotFormatError, /missing dialect/);
        expect(parse({ ...header, parents: [3], ops: [] })).to.throw(SnapshotFormatError, /revision and parents must be revision ids/);
    });
});

describe("RevisionGraph: walks stay linear on a long history", () => {
    it("finds the common ancestor of two branches over 3,000 revisions in well under a second, and refuses criss-crossed merges", () => {
        const nodes = [node("r0", [], 0)];
        for (let i = 1; i < 3000; i++) nodes.push(node(`r${i}`, [`r${i - 1}`], i));
        nodes.push(node("left", ["r2999"], 5000), node("right", ["r2999"], 5001));
        const graph = new RevisionGraph(nodes);
        const started = Date.now();
        expect(graph.commonAncestor(["left", "right"])).to.equal("r2999");
        expect(Date.now() - started).to.be.below(1000);
        const crossed = new RevisionGraph([node("a", [], 1), node("b", ["a"], 2), node("c", ["a"], 3), node("m1", ["b", "c"], 4), node("m2", ["c", "b"], 5)]);
        expect(() => crossed.commonAncestor(["m1", "m2"])).to.throw(/several nearest common ancestors \(b, c\)|several nearest common ancestors \(c, b\)/);
    });
});
