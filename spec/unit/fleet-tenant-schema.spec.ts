import { expect } from "chai";
import { globToRegExp } from "../../lib/fleet/list-targets";
import { inTenantSchema, placedInSchema } from "../../lib/fleet/tenant-schema";
import { emptySchema, type Schema } from "../../lib/schema/model";
import { summaryTable } from "../../cli/fleet/summary-table";
import { column, index, table } from "../support/model-builders";

function twoTenants(): Schema {
    const inSchema = (schema: string): Partial<Schema> => ({
        tables: [table({ schema, table: "user" }), table({ schema, table: "post" })],
        columns: [column({ schema, table: "user", name: "id", type: "integer" }), column({ schema, table: "post", name: "authorId", type: "integer" })],
        indexes: [index({ schema, table: "post", name: "IDX_post_author", columns: ["authorId"] })],
        foreignKeys: [
            {
                schema,
                table: "post",
                name: "FK_post_author",
                columns: ["authorId"],
                referencedSchema: schema,
                referencedTable: "user",
                referencedColumns: ["id"],
                onDelete: "NO ACTION",
                onUpdate: "NO ACTION",
                deferrable: null,
            },
        ],
        enums: [{ schema, name: "user_role", values: ["a", "b"] }],
    });
    const a = inSchema("tenant_a");
    const b = inSchema("tenant_b");
    const base = emptySchema("postgres", "tenant_a", "1.1.1");
    return {
        ...base,
        schemas: ["tenant_b"],
        tables: [...(a.tables ?? []), ...(b.tables ?? [])],
        columns: [...(a.columns ?? []), ...(b.columns ?? [])],
        indexes: [...(a.indexes ?? []), ...(b.indexes ?? [])],
        foreignKeys: [...(a.foreignKeys ?? []), ...(b.foreignKeys ?? [])],
        enums: [...(a.enums ?? []), ...(b.enums ?? [])],
    };
}

describe("fleet: a tenant's schema without its name", () => {
    it("keeps only the tenant's objects, with no schema name, references included", () => {
        const relative = inTenantSchema(twoTenants(), "tenant_b");
        expect(relative.defaultSchema).to.equal("");
        expect(relative.schemas).to.deep.equal([]);
        expect(relative.tables.map((t) => `${t.schema}|${t.table}`)).to.deep.equal(["|user", "|post"]);
        expect(relative.columns.every((c) => c.schema === "")).to.equal(true);
        expect(relative.indexes.map((i) => i.schema)).to.deep.equal([""]);
        expect(relative.foreignKeys.map((fk) => [fk.schema, fk.referencedSchema])).to.deep.equal([["", ""]]);
        expect(relative.enums.map((e) => `${e.schema}|${e.name}`)).to.deep.equal(["|user_role"]);
    });

    it("placed back in a schema, gives that tenant's part again", () => {
        const whole = twoTenants();
        const onlyB = placedInSchema(inTenantSchema(whole, "tenant_b"), "tenant_b");
        expect(onlyB.tables).to.deep.equal(whole.tables.filter((t) => t.schema === "tenant_b"));
        expect(onlyB.foreignKeys).to.deep.equal(whole.foreignKeys.filter((fk) => fk.schema === "tenant_b"));
        expect(onlyB.enums).to.deep.equal(whole.enums.filter((e) => e.schema === "tenant_b"));
        expect(onlyB.defaultSchema).to.equal("tenant_b");
    });

    it("keeps a reference to a shared schema as it is", () => {
        const whole = twoTenants();
        const shared = { ...whole, foreignKeys: whole.foreignKeys.map((fk) => ({ ...fk, referencedSchema: "public" })) };
        expect(inTenantSchema(shared, "tenant_a").foreignKeys.map((fk) => fk.referencedSchema)).to.deep.equal(["public"]);
    });
});

describe("fleet: schema patterns and the summary", () => {
    it("reads * and ? as wildcards and every other character as itself", () => {
        const matches = (pattern: string, name: string) => new RegExp(globToRegExp(pattern)).test(name);
        expect(matches("tenant_*", "tenant_01")).to.equal(true);
        expect(matches("tenant_*", "xtenant_01")).to.equal(false);
        expect(matches("t?_x", "t1_x")).to.equal(true);
        expect(matches("t?_x", "t12_x")).to.equal(false);
        expect(matches("a.b", "axb")).to.equal(false);
        expect(matches("a(1)+", "a(1)+")).to.equal(true);
    });

    it("aligns the summary's columns under a heading", () => {
        const lines = summaryTable([
            { target: "tenant_1", from: "<base>", to: "3f9c2a1b7d4e", status: "upgraded (2 migration(s))", ms: 812 },
            { target: "t2", from: "-", to: "-", status: "not started", ms: null },
        ]);
        expect(lines).to.deep.equal([
            "target    from    to            status                     time",
            "tenant_1  <base>  3f9c2a1b7d4e  upgraded (2 migration(s))  812 ms",
            "t2        -       -             not started                -",
        ]);
    });
});
