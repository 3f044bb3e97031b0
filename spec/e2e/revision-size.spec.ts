import { expect } from "chai";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planRevision } from "../../lib/generate/plan-revision";
import { RevisionStore } from "../../lib/store/revision-store";
import { writeRevision } from "../../lib/generate/write-revision";
import { syntheticSchema, withOneMoreColumn } from "../support/synthetic-schema";

describe("repository growth per revision", () => {
    let dir: string;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-size-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("a one-column change on a 1,000-table schema adds under 100 KB, and its state rebuilds exactly", () => {
        const initial = syntheticSchema(1000);
        const request = { bind: "default", now: 1764000000000 };
        const first = planRevision(RevisionStore.open(dir), initial, { ...request, message: "initial", revisionId: "base0001", timestamp: 1764000000000 });
        writeRevision(dir, first!);
        const changed = withOneMoreColumn(initial);
        const second = planRevision(RevisionStore.open(dir), changed, { ...request, message: "one column", revisionId: "next0001", timestamp: 1764000001000 });
        expect(second!.ops.map((op) => op.kind)).to.deep.equal(["addColumn"]);
        const files = writeRevision(dir, second!);
        const added = statSync(files.migrationFile).size + statSync(files.deltaFile).size;
        expect(added).to.be.lessThan(100 * 1024);
        const store = RevisionStore.open(dir);
        expect(JSON.stringify(store.stateAt("next0001", changed))).to.equal(JSON.stringify(changed));
    });
});
