import { expect } from "chai";
import { applyOps } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import type { Op } from "../../lib/diff/ops";
import { postgresDialect } from "../../lib/dialects/postgres";
import { lockReport } from "../../lib/render/lock-report";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Index, type Schema, type View } from "../../lib/schema/model";
import { column, index, table } from "../support/model-builders";

// Indexes on a PostgreSQL materialized view: made after the view (an index on a missing relation
// fails), dropped before it, and made again with it whenever the view is made again.

const empty = emptySchema("postgres", "public", "1.1.1");

function withSummary(expression: string, indexes: readonly Index[]): Schema {
    const view: View = { schema: "public", name: "summary", expression, materialized: true, dependsOn: [] };
    return canonicalize({
        ...empty,
        tables: [table({ schema: "public", table: "city" })],
        columns: [column({ schema: "public", table: "city", name: "id", type: "integer" })],
        views: [view],
        indexes: [index({ schema: "public", table: "city", name: "IDX_city_id", columns: ["id"] }), ...indexes],
    });
}

const onSummary = (name: string, columns: string[], unique = false) => index({ schema: "public", table: "summary", name, columns, unique });

const summary = (ops: readonly Op[]) =>
    ops
        .filter((op) => ["createView", "dropView", "createIndex", "dropIndex"].includes(op.kind))
        .map((op) => {
            if (op.kind === "createView" || op.kind === "dropView") return `${op.kind} ${op.view.name}`;
            if (op.kind === "createIndex" || op.kind === "dropIndex") return `${op.kind} ${op.index.name}`;
            return op.kind;
        });

/** `diff` takes `from` to `to`, and its inverse takes `to` back. */
function expectRoundTrip(from: Schema, to: Schema, ops: readonly Op[]): void {
    expect(applyOps(from, ops)).to.deep.equal(to);
    expect(applyOps(to, invertOps(ops))).to.deep.equal(from);
}

describe("differ: indexes on materialized views", () => {
    const v1 = withSummary("SELECT id FROM city", [onSummary("IDX_summary_id", ["id"], true)]);

    it("creates the view, then its index; the table's index stays with the tables", () => {
        const ops = diff(empty, v1);
        expect(summary(ops)).to.deep.equal(["createIndex IDX_city_id", "createView summary", "createIndex IDX_summary_id"]);
        expectRoundTrip(empty, v1, ops);
    });

    it("reports an index made with its view as blocking nothing, one on a view that stays as blocking", () => {
        const blocking = (ops: readonly Op[]) =>
            lockReport(postgresDialect, ops)
                .filter(({ op }) => op.kind === "createIndex" && op.index.table === "summary")
                .map(({ lock, newTable }) => [lock.blocking, newTable]);
        expect(blocking(diff(empty, v1))).to.deep.equal([[false, true]]);
        const v2 = withSummary("SELECT id FROM city", [onSummary("IDX_summary_id", ["id"]), onSummary("IDX_summary_other", ["id"])]);
        expect(blocking(diff(v1, v2))).to.deep.equal([
            [true, false],
            [true, false],
        ]);
    });

    it("drops the index before the view", () => {
        const ops = diff(v1, empty);
        expect(summary(ops).slice(0, 2)).to.deep.equal(["dropIndex IDX_summary_id", "dropView summary"]);
        expectRoundTrip(v1, empty, ops);
    });

    it("makes an unchanged index again when its view is made again", () => {
        const v2 = withSummary("SELECT id, id * 2 AS doubled FROM city", [onSummary("IDX_summary_id", ["id"], true)]);
        const ops = diff(v1, v2);
        expect(summary(ops)).to.deep.equal(["dropIndex IDX_summary_id", "dropView summary", "createView summary", "createIndex IDX_summary_id"]);
        expectRoundTrip(v1, v2, ops);
    });

    it("changes only the indexes of a view that stays", () => {
        const v2 = withSummary("SELECT id FROM city", [onSummary("IDX_summary_id", ["id"]), onSummary("IDX_summary_other", ["id"])]);
        const ops = diff(v1, v2);
        expect(summary(ops)).to.deep.equal(["dropIndex IDX_summary_id", "createIndex IDX_summary_id", "createIndex IDX_summary_other"]);
        expect(ops.find((op) => op.kind === "createIndex" && op.index.name === "IDX_summary_id")?.reasons).to.deep.equal([
            "index IDX_summary_id on view summary removed, new or changed",
        ]);
        expectRoundTrip(v1, v2, ops);
    });
});
