import { expect } from "chai";
import { diff } from "../../lib/diff/diff";
import { emptySchema } from "../../lib/schema/model";
import { excludePatterns, filterSchema } from "../../lib/schema/filter";
import { syntheticSchema } from "../support/synthetic-schema";

describe("excluding objects from the comparison", () => {
    it("matches names in any schema, qualified names, wildcards and whole schemas", () => {
        const include = excludePatterns(["audit_*", "public.legacy", "other.*"]);
        expect(include({ kind: "table", schema: "public", name: "audit_log" })).to.equal(false);
        expect(include({ kind: "table", schema: "x", name: "audit_log" })).to.equal(false);
        expect(include({ kind: "table", schema: "public", name: "legacy" })).to.equal(false);
        expect(include({ kind: "table", schema: "x", name: "legacy" })).to.equal(true);
        expect(include({ kind: "schema", schema: "other", name: "other" })).to.equal(false);
        expect(include({ kind: "table", schema: "other", name: "anything" })).to.equal(false);
        expect(include({ kind: "table", schema: "public", name: "auditlog" })).to.equal(true);
    });

    it("an excluded table goes with everything on it, and the differ neither creates nor drops it", () => {
        const schema = syntheticSchema(3);
        const include = excludePatterns(["entity_00001"]);
        const filtered = filterSchema(schema, include);
        expect(filtered.tables.map((t) => t.table)).to.deep.equal(["entity_00000", "entity_00002"]);
        expect(filtered.columns.some((c) => c.table === "entity_00001")).to.equal(false);
        expect(filtered.indexes.some((i) => i.table === "entity_00001")).to.equal(false);
        // entity_00002's foreign key to the excluded table stays: the reference is ours.
        expect(filtered.foreignKeys.map((f) => f.table)).to.deep.equal(["entity_00002"]);
        const empty = emptySchema("postgres", "public", "1.1.1");
        const created = diff(empty, schema, { include })
            .filter((op) => op.kind === "createTable")
            .map((op) => op.kind === "createTable" && op.definition.table.table);
        expect(created).to.deep.equal(["entity_00000", "entity_00002"]);
        expect(diff(schema, empty, { include }).some((op) => op.kind === "dropTable" && op.definition.table.table === "entity_00001")).to.equal(false);
    });
});
