import { expect } from "chai";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import type { EntityClass } from "../../fixtures/entity-class";
import { retypedPredicatesDecimal, retypedPredicatesInt } from "../../fixtures/differ-gaps/retyped-predicates";
import { unmanagedIndexVersions } from "../../fixtures/differ-gaps/unmanaged-index";
import { computedSourcesV1, computedSourcesV2 } from "../../fixtures/zoo/computed-sources";
import { applyOps } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import { mentions } from "../../lib/diff/mentions";
import type { Op } from "../../lib/diff/ops";
import { withUnmanagedIndexesKept } from "../../lib/generate/unmanaged-indexes";
import { readSchema } from "../../lib/entities/read-schema";
import type { Schema } from "../../lib/schema/model";
import { sameSchema } from "../support/schema-arbitrary";

// What the differ drops and adds back unchanged because something it stands on changes, and the
// indexes declared with synchronize: false that it leaves where they are.

const onPostgres = (entities: readonly EntityClass[]): Promise<Schema> =>
    readSchema(buildBlogDataSource([...entities], { type: "postgres", database: "unused" }));

const summary = (ops: readonly Op[]): string[] =>
    ops.map((op) => {
        switch (op.kind) {
            case "addColumn":
            case "dropColumn":
                return `${op.kind} ${op.column.name}`;
            case "alterColumn":
                return `${op.kind} ${op.after.name}`;
            case "createIndex":
            case "dropIndex":
                return `${op.kind} ${op.index.name}`;
            case "addUnique":
            case "dropUnique":
                return `${op.kind} ${op.unique.name}`;
            case "addCheck":
            case "dropCheck":
                return `${op.kind} ${op.check.name}`;
            default:
                return op.kind;
        }
    });

describe("differ: objects re-created around the change they stand on", () => {
    it("re-creates a computed column whose old expression reads a dropped column, with its index, unique and check; makes one plain before the drop", async () => {
        const [v1, v2] = [await onPostgres(computedSourcesV1), await onPostgres(computedSourcesV2)];
        const ops = diff(v1, v2);
        const kinds = summary(ops);
        const index = v1.indexes.find((i) => i.columns.includes("total"))?.name as string;
        const unique = v1.uniques.find((u) => u.columns.includes("total"))?.name as string;
        const check = v1.checks.find((c) => c.expression.includes("total"))?.name as string;
        const at = (entry: string) => {
            expect(kinds, entry).to.include(entry);
            return kinds.indexOf(entry);
        };
        expect(kinds.filter((k) => k.includes("total"))).to.deep.equal(["dropColumn total", "addColumn total"]);
        expect(kinds).not.to.include("alterColumn total");
        for (const member of [`dropIndex ${index}`, `dropUnique ${unique}`, `dropCheck ${check}`]) expect(at(member)).to.be.lessThan(at("dropColumn total"));
        expect(at("dropColumn total")).to.be.lessThan(at("dropColumn infants"));
        expect(at("alterColumn legacySeats")).to.be.lessThan(at("dropColumn infants"));
        expect(at("addColumn seniors")).to.be.lessThan(at("addColumn total"));
        for (const member of [`createIndex ${index}`, `addUnique ${unique}`, `addCheck ${check}`]) expect(at(member)).to.be.greaterThan(at("addColumn total"));
        expect(ops.find((op) => op.kind === "dropColumn" && op.column.name === "total")?.reasons.join()).to.match(
            /reads zoo_cs_ticket\.infants, which is dropped/,
        );
        expect(sameSchema(applyOps(v1, ops), v2)).to.equal(true);
        expect(sameSchema(applyOps(v2, invertOps(ops)), v1)).to.equal(true);
    });

    it("drops a check and a partial index naming a retyped column before the type change and adds them after", async () => {
        const [int, decimal] = [await onPostgres(retypedPredicatesInt), await onPostgres(retypedPredicatesDecimal)];
        const check = int.checks[0].name;
        expect(summary(diff(decimal, int))).to.deep.equal([
            `dropIndex IDX_gaps_book_priced_title`,
            `dropCheck ${check}`,
            "alterColumn price",
            `addCheck ${check}`,
            "createIndex IDX_gaps_book_priced_title",
        ]);
        expect(sameSchema(applyOps(int, diff(int, decimal)), decimal)).to.equal(true);
    });

    it("leaves checks and indexes alone when the column they name keeps its type", async () => {
        const int = await onPostgres(retypedPredicatesInt);
        const newDefault = { ...int, columns: int.columns.map((c) => (c.name === "price" ? { ...c, default: "1" } : c)) };
        expect(summary(diff(int, newDefault))).to.deep.equal(["alterColumn price"]);
    });
});

describe("mentions", () => {
    it("finds a column named bare or quoted, in any case, and not inside a longer name", () => {
        expect(mentions(`"price" >= 0`, "price")).to.equal(true);
        expect(mentions(`PRICE > 0 AND x`, "price")).to.equal(true);
        expect(mentions(`"priceCents" >= 0`, "price")).to.equal(false);
        expect(mentions(`"unit_price" >= 0`, "price")).to.equal(false);
        expect(mentions(`"say ""hi""" <> ''`, `say "hi"`)).to.equal(true);
        expect(mentions(null, "price")).to.equal(false);
    });
});

describe("indexes declared with synchronize: false", () => {
    it("are reported by the reader, and kept from the previous state only where it has them", async () => {
        const [v1, v2, v3] = await Promise.all(unmanagedIndexVersions.map((entities) => onPostgres(entities)));
        expect(v2.unmanagedIndexes?.map((ref) => ref.name)).to.deep.equal(["IDX_gaps_shelf_label", "IDX_gaps_shelf_row"]);
        expect(v1.indexes.map((index) => index.name)).to.deep.equal(["IDX_gaps_shelf_label"]);
        expect(v2.indexes).to.deep.equal([]);
        const kept = withUnmanagedIndexesKept(v1, v2);
        expect(kept.indexes).to.deep.equal(v1.indexes);
        expect(summary(diff(v1, kept))).to.deep.equal(["addColumn note"]);
        expect(withUnmanagedIndexesKept(applyOps(v1, diff(v1, kept)), v3).indexes).to.deep.equal([]);
    });
});
