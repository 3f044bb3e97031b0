import { expect } from "chai";
import { backfillsNeeded, backfillValue } from "../../lib/diff/backfills";
import { alterColumnRisk, columnChanges } from "../../lib/diff/compare";
import { dataCheckSpecs } from "../../lib/diff/data-checks";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import { narrowings } from "../../lib/diff/narrowing";
import { canonicalize } from "../../lib/schema/canonical";
import type { Column, Schema } from "../../lib/schema/model";
import * as model from "../support/model-builders";
import { syntheticSchema } from "../support/synthetic-schema";

const column = (over: Partial<Column>): Column => model.column({ schema: "public", table: "item", name: "value", type: "character varying", ...over });

/** `schema` with one column of table entity_00000 changed. */
function withColumn(schema: Schema, name: string, change: Partial<Column>): Schema {
    return canonicalize({ ...schema, columns: schema.columns.map((c) => (c.table === "entity_00000" && c.name === name ? { ...c, ...change } : c)) });
}

describe("narrowing: every change that can lose or reject a stored value", () => {
    const cases: [string, Partial<Column>, Partial<Column>, string[]][] = [
        ["unbounded varchar → varchar(100)", { length: "" }, { length: "100" }, ["length"]],
        ["varchar(200) → varchar(100)", { length: "200" }, { length: "100" }, ["length"]],
        ["text → varchar(50)", { type: "text" }, { type: "character varying", length: "50" }, ["length"]],
        ["MySQL mediumtext → text", { type: "mediumtext" }, { type: "text" }, ["length"]],
        ["bigint → integer", { type: "bigint" }, { type: "integer" }, ["integerRange"]],
        ["int → smallint", { type: "int" }, { type: "smallint" }, ["integerRange"]],
        ["int → int unsigned (negatives)", { type: "int" }, { type: "int", unsigned: true }, ["integerRange"]],
        ["numeric → numeric(10,2)", { type: "numeric" }, { type: "numeric", precision: 10, scale: 2 }, ["numericDigits"]],
        ["numeric(10,2) → numeric(8,2)", { type: "numeric", precision: 10, scale: 2 }, { type: "numeric", precision: 8, scale: 2 }, ["numericDigits"]],
        ["numeric(10,4) → numeric(10,2)", { type: "numeric", precision: 10, scale: 4 }, { type: "numeric", precision: 10, scale: 2 }, ["numericDigits"]],
        [
            "timestamp(6) → timestamp(3)",
            { type: "timestamp without time zone", precision: 6 },
            { type: "timestamp without time zone", precision: 3 },
            ["fractionalSeconds"],
        ],
        ["enum value removed", { type: "enum", enum: ["a", "b"] }, { type: "enum", enum: ["a"] }, ["enumValues"]],
        ["varchar(40) → varchar(80)", { length: "40" }, { length: "80" }, []],
        ["varchar(40) → text", { length: "40" }, { type: "text" }, []],
        ["smallint → integer", { type: "smallint" }, { type: "integer" }, []],
        ["int unsigned → bigint", { type: "int", unsigned: true }, { type: "bigint" }, []],
        ["numeric(8,2) → numeric(12,4)", { type: "numeric", precision: 8, scale: 2 }, { type: "numeric", precision: 12, scale: 4 }, []],
        ["enum value added", { type: "enum", enum: ["a"] }, { type: "enum", enum: ["a", "b"] }, []],
    ];
    for (const [title, before, after, kinds] of cases) {
        it(`${title}: ${kinds.length > 0 ? `${kinds.join(", ")}, destructive` : "none"}`, () => {
            const [from, to] = [column(before), column({ ...before, ...after })];
            expect(narrowings(from, to).map((n) => n.kind)).to.deep.equal(kinds);
            if (kinds.length > 0) expect(alterColumnRisk(from, to)).to.equal("destructive");
            else expect(alterColumnRisk(from, to)).to.not.equal("destructive");
        });
    }

    it("says 'unbounded' for a string without a length", () => {
        expect(columnChanges(column({ length: "" }), column({ length: "100" }))).to.deep.equal(["length: unbounded → 100"]);
    });
});

describe("backfills", () => {
    const base = syntheticSchema(2);

    it("a column made NOT NULL takes its default, or needs a value; a new NOT NULL column without a default needs one", () => {
        const withDefault = diff(base, withColumn(base, "description", { nullable: false, default: "''" }));
        expect(withDefault.map(backfillValue)).to.deep.equal(["''"]);
        expect(backfillsNeeded(withDefault)).to.deep.equal([]);

        const without = diff(base, withColumn(base, "description", { nullable: false }));
        expect(backfillsNeeded(without).map((op) => op.kind)).to.deep.equal(["alterColumn"]);
        const added = canonicalize({ ...base, columns: [...base.columns, column({ table: "entity_00001", name: "rank", type: "integer" })] });
        expect(backfillsNeeded(diff(base, added)).map((op) => op.kind)).to.deep.equal(["addColumn"]);
    });

    it("a given value is carried by the op and never by its down", () => {
        const to = withColumn(base, "description", { nullable: false });
        const ops = diff(base, to, { backfills: [{ table: { schema: "public", table: "entity_00000" }, column: "description", value: "'none'" }] });
        expect(ops.map(backfillValue)).to.deep.equal(["'none'"]);
        expect(backfillsNeeded(ops)).to.deep.equal([]);
        const down = invertOps(ops);
        expect(down.map((op) => ("backfill" in op ? op.backfill : undefined))).to.deep.equal([undefined]);
        expect(down.map((op) => op.risk)).to.deep.equal(["safe"]);
    });
});

describe("data checks: what a migration asks of the rows before its first statement", () => {
    const base = syntheticSchema(2);
    const kinds = (start: Schema, ops: ReturnType<typeof diff>) => dataCheckSpecs(start, ops).map((s) => `${s.kind} ${s.table.table}`);

    it("names a column renamed earlier in the same migration as the database still names it", () => {
        const renamed = withColumn(base, "name", { name: "title", length: "10" });
        const ops = diff(base, renamed, {
            renames: { tables: [], columns: [{ table: { schema: "public", table: "entity_00000" }, from: "name", to: "title" }] },
        });
        const specs = dataCheckSpecs(base, ops).filter((s) => s.kind === "narrowing");
        expect(specs.map((s) => [s.table.table, s.kind === "narrowing" ? s.column : null, s.key])).to.deep.equal([["entity_00000", "name", ["id"]]]);
    });

    it("checks nothing on a table the migration creates, nor a unique or foreign key that is only re-added", () => {
        const newTable = canonicalize({
            ...base,
            tables: [...base.tables, { ...base.tables[0], table: "fresh" }],
            columns: [...base.columns, column({ table: "fresh", name: "id", type: "integer" })],
        });
        expect(kinds(base, diff(base, newTable))).to.deep.equal([]);
        const retyped = withColumn(base, "id", { type: "bigint" });
        expect(dataCheckSpecs(base, diff(base, retyped)).filter((s) => s.kind === "orphans" || s.kind === "duplicates")).to.deep.equal([]);
    });

    it("does not compare a foreign key's values when the migration changes their type before adding it (uuid against integer)", () => {
        const fk = base.foreignKeys[0];
        const to = canonicalize({
            ...base,
            columns: base.columns.map((c) => (c.table === fk.table && c.name === "parentId" ? { ...c, type: "uuid" } : c)),
            foreignKeys: base.foreignKeys.map((f) => (f === fk ? { ...f, onDelete: "SET NULL" } : f)),
        });
        const ops = diff(base, to);
        expect(ops.map((op) => op.kind)).to.include.members(["alterColumn", "addForeignKey"]);
        expect(dataCheckSpecs(base, ops).filter((s) => s.kind === "orphans")).to.deep.equal([]);
    });

    it("asks for duplicates before a new unique and for orphans before a new foreign key", () => {
        const to = canonicalize({
            ...base,
            uniques: [...base.uniques, { schema: "public", table: "entity_00000", name: "UQ_name", columns: ["name"], deferrable: null }],
            foreignKeys: [...base.foreignKeys, { ...base.foreignKeys[0], name: "FK_extra", columns: ["name"], referencedColumns: ["name"] }],
        });
        const specs = dataCheckSpecs(base, diff(base, to)).map((s) => [s.kind, s.description]);
        expect(specs).to.deep.equal([
            ["duplicates", "entity_00000 (name): values held by more than one row (unique UQ_name)"],
            ["orphans", `${base.foreignKeys[0].table} (name): values no row of ${base.foreignKeys[0].referencedTable} holds (foreign key FK_extra)`],
        ]);
    });
});
