import { expect } from "chai";
import fc from "fast-check";
import { MergeConflictError, mergeSchemas } from "../../lib/schema/merge-schemas";
import type { Column, Schema } from "../../lib/schema/model";
import { propertyRuns } from "../support/property-runs";
import { sameSchema, schemaArbitrary } from "../support/schema-arbitrary";
import { syntheticSchema } from "../support/synthetic-schema";

const withColumn = (schema: Schema, table: string, column: Partial<Column> & { name: string }): Schema => {
    const template = schema.columns.find((c) => c.table === table) as Column;
    return {
        ...schema,
        columns: [...schema.columns, { ...template, primary: false, generated: null, identity: null, default: null, nullable: true, ...column }],
    };
};
const changingColumn = (schema: Schema, table: string, name: string, change: Partial<Column>): Schema => ({
    ...schema,
    columns: schema.columns.map((c) => (c.table === table && c.name === name ? { ...c, ...change } : c)),
});

describe("three-way schema merge", () => {
    const base = syntheticSchema(3);
    const [first, second] = base.tables.map((t) => t.table);
    const someColumn = (table: string) => (base.columns.find((c) => c.table === table && !c.primary) as Column).name;

    it("takes each branch's own changes", () => {
        const ours = withColumn(base, first, { name: "ours_only", type: "integer" });
        const theirs = {
            ...withColumn(base, second, { name: "theirs_only", type: "text" }),
            indexes: [...base.indexes, { ...base.indexes[0], name: "IDX_theirs" }],
        };
        const merged = mergeSchemas(base, ours, theirs);
        expect(merged.columns.map((c) => c.name)).to.include.members(["ours_only", "theirs_only"]);
        expect(merged.indexes.map((i) => i.name)).to.include("IDX_theirs");
        expect(merged.columns).to.have.length(base.columns.length + 2);
    });

    it("takes a change both branches made alike once", () => {
        const ours = withColumn(base, first, { name: "same", type: "integer" });
        const merged = mergeSchemas(base, ours, withColumn(base, first, { name: "same", type: "integer" }));
        expect(merged.columns.filter((c) => c.name === "same")).to.have.length(1);
    });

    it("stops on one object changed differently, naming it", () => {
        const column = someColumn(first);
        const ours = changingColumn(base, first, column, { nullable: true, default: "1" });
        const theirs = changingColumn(base, first, column, { nullable: true, default: "2" });
        expect(() => mergeSchemas(base, ours, theirs)).to.throw(MergeConflictError, new RegExp(`column (public\\.)?${first}\\.${column} `));
    });

    it("stops when one branch drops what the other changed", () => {
        const column = someColumn(second);
        const ours = { ...base, columns: base.columns.filter((c) => !(c.table === second && c.name === column)) };
        const theirs = changingColumn(base, second, column, { comment: "kept" });
        expect(() => mergeSchemas(base, ours, theirs)).to.throw(MergeConflictError, new RegExp(`column (public\\.)?${second}\\.${column} `));
    });

    it("is the identity where one side did nothing: merge(a, a, b) = merge(a, b, a) = b", () => {
        fc.assert(
            fc.property(
                schemaArbitrary,
                schemaArbitrary,
                (a, b) => sameSchema(mergeSchemas(a, a, b), b) && sameSchema(mergeSchemas(a, b, a), b) && sameSchema(mergeSchemas(a, b, b), b),
            ),
            propertyRuns(150),
        );
    });
});
