import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectModule } from "../../lib/dialects/dialect";
import { mysqlDialect } from "../../lib/dialects/mysql";
import { postgresDialect } from "../../lib/dialects/postgres";
import type { Op } from "../../lib/diff/ops";
import type { RenameDecisions } from "../../lib/diff/renames";
import { planBaseline } from "../../lib/generate/plan-from-database";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { writeRevision } from "../../lib/generate/write-revision";
import { renderStatements } from "../../lib/render/statements";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Dialect, type Schema } from "../../lib/schema/model";
import { RevisionStore } from "../../lib/store/revision-store";
import { column, index, table } from "../support/model-builders";

// Issue 16: what entities cannot declare, kept by entity-driven generate from an adopted
// database, follows the renames the user accepted; an index over expressions naming a column the
// entities drop or rename goes, saying why.

const schemaOf = (dialect: Dialect, parts: Partial<Schema>): Schema =>
    canonicalize({ ...emptySchema(dialect, dialect === "postgres" ? "public" : "", "0.3.20"), ...parts });
const reasonsOf = (ops: readonly Op[]) => ops.map((op) => [op.kind, ...op.reasons].join(": "));

describe("drift model: kept through renames (generate from entities after init --from-db)", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "tm-kept-renames-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const generate = (adopted: Schema, entities: Schema, renames: RenameDecisions, dialect: DialectModule) => {
        writeRevision(dir, planBaseline(RevisionStore.open(dir), adopted, [], { message: "baseline", bind: "default", now: 1764000000000 }));
        const { ops, base } = pendingChanges(RevisionStore.open(dir), entities, { renames });
        return { reasons: reasonsOf(ops), sql: renderStatements(dialect, base, ops).flatMap((step) => step.statements.map((s) => s.sql)) };
    };

    it("MySQL: a renamed table keeps its collation and, on its renamed column, its index's prefix length", () => {
        const on = (name: string) => ({ schema: "", table: name });
        const adopted = schemaOf("mysql", {
            tables: [table({ ...on("item"), charset: "utf8mb4", collation: "utf8mb4_unicode_520_ci" })],
            columns: [column({ ...on("item"), name: "name", type: "varchar", length: "255" })],
            indexes: [index({ ...on("item"), name: "IDX_item_name", columns: ["name"], lengths: [191] })],
        });
        const entities = schemaOf("mysql", {
            tables: [table(on("product"))],
            columns: [column({ ...on("product"), name: "title", type: "varchar", length: "255" })],
            indexes: [index({ ...on("product"), name: "IDX_product_title", columns: ["title"] })],
        });
        const renames = { tables: [{ from: on("item"), to: on("product") }], columns: [{ table: on("product"), from: "name", to: "title" }] };
        const { reasons, sql } = generate(adopted, entities, renames, mysqlDialect);
        expect(reasons).to.deep.equal([
            "renameTable: table item renamed to product",
            "renameColumn: column product.name renamed to title",
            "renameIndex: index IDX_item_name on product is now named IDX_product_title",
        ]);
        expect(sql.join("\n")).not.to.match(/DROP INDEX|CHARACTER SET|CREATE INDEX/);
    });

    it("PostgreSQL: an expression index follows its renamed table; one naming a column dropped or renamed goes, saying why", () => {
        const on = (name: string) => ({ schema: "public", table: name });
        const text = (name: string, at = "item") => column({ ...on(at), name, type: "character varying" });
        const adopted = schemaOf("postgres", {
            tables: [table(on("item"))],
            columns: [column({ ...on("item"), name: "id", type: "integer" }), text("name"), text("code"), text("note")],
            indexes: [
                index({ ...on("item"), name: "IDX_id_plus", columns: [], expression: "(id + 1)" }),
                index({ ...on("item"), name: "IDX_lower_name", columns: [], expression: "lower((name)::text)" }),
                index({ ...on("item"), name: "IDX_upper_code", columns: [], expression: `upper(("code")::text)` }),
                index({ ...on("item"), name: "IDX_note_literal", columns: [], expression: "(note || 'code name'::text)" }),
            ],
        });
        const entities = schemaOf("postgres", {
            tables: [table(on("product"))],
            columns: [column({ ...on("product"), name: "id", type: "integer" }), text("title", "product"), text("note", "product")],
        });
        const renames = { tables: [{ from: on("item"), to: on("product") }], columns: [{ table: on("product"), from: "name", to: "title" }] };
        const { reasons, sql } = generate(adopted, entities, renames, postgresDialect);
        expect(reasons).to.have.members([
            "renameTable: table item renamed to product",
            "renameColumn: column product.name renamed to title",
            "dropIndex: index IDX_lower_name on product (lower((name)::text)) names column name, renamed to title: dropped, re-create it by hand",
            'dropIndex: index IDX_upper_code on product (upper(("code")::text)) names column code, which the entities drop',
            "dropColumn: column product.code removed",
        ]);
        expect(sql.filter((s) => s.startsWith("DROP INDEX"))).to.have.length(2);
        expect(sql.findIndex((s) => s.includes("IDX_upper_code"))).to.be.lessThan(sql.findIndex((s) => s.includes("DROP COLUMN")));
    });
});
