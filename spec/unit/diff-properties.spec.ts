import { expect } from "chai";
import fc from "fast-check";
import { applyOps } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import { schemaArbitrary, sameSchema } from "../support/schema-arbitrary";

describe("differ properties (random schemas)", () => {
    it("applying diff(A, B) to A gives B", () => {
        fc.assert(
            fc.property(schemaArbitrary, schemaArbitrary, (a, b) => sameSchema(applyOps(a, diff(a, b)), b)),
            { numRuns: 300 },
        );
    });

    it("applying the inverted ops to B gives A back", () => {
        fc.assert(
            fc.property(schemaArbitrary, schemaArbitrary, (a, b) => sameSchema(applyOps(b, invertOps(diff(a, b))), a)),
            { numRuns: 300 },
        );
    });

    it("a schema never differs from itself", () => {
        fc.assert(
            fc.property(schemaArbitrary, (a) => diff(a, a).length === 0),
            { numRuns: 100 },
        );
    });

    it("sameSchema itself tells different schemas apart", () => {
        const found = fc.sample(fc.tuple(schemaArbitrary, schemaArbitrary), 50).some(([a, b]) => diff(a, b).length > 0 && !sameSchema(a, b));
        expect(found).to.equal(true);
    });
});

describe("differ properties with renames", () => {
    const renamedArbitrary = schemaArbitrary
        .chain((a) => {
            const columns = a.columns.filter((c) => c.name !== "id" && !c.primary);
            return fc.record({
                a: fc.constant(a),
                tablePick: fc.option(fc.constantFrom(...(a.tables.length > 0 ? a.tables : [null])), { nil: null }),
                columnPick: fc.option(fc.constantFrom(...(columns.length > 0 ? columns : [null])), { nil: null }),
            });
        })
        .map(({ a, tablePick, columnPick }) => {
            // B is A with one table and one column renamed: the differ must say so with renames only.
            const tables = tablePick
                ? [{ from: { schema: tablePick.schema, table: tablePick.table }, to: { schema: tablePick.schema, table: `${tablePick.table}_renamed` } }]
                : [];
            const renameTable = (t: string) => (tablePick && t === tablePick.table ? `${t}_renamed` : t);
            const columnsDecided = columnPick
                ? [{ table: { schema: columnPick.schema, table: renameTable(columnPick.table) }, from: columnPick.name, to: `${columnPick.name}_renamed` }]
                : [];
            const ops = [
                ...tables.map((r) => ({
                    kind: "renameTable" as const,
                    before: a.tables.find((t) => t.table === r.from.table)!,
                    after: { ...a.tables.find((t) => t.table === r.from.table)!, table: r.to.table },
                    reasons: [],
                    risk: "safe" as const,
                })),
            ];
            const moved = applyOps(a, ops);
            const b = columnPick
                ? applyOps(moved, [
                      {
                          kind: "renameColumn",
                          before: moved.columns.find((c) => c.table === renameTable(columnPick.table) && c.name === columnPick.name)!,
                          after: {
                              ...moved.columns.find((c) => c.table === renameTable(columnPick.table) && c.name === columnPick.name)!,
                              name: `${columnPick.name}_renamed`,
                          },
                          reasons: [],
                          risk: "safe",
                      },
                  ])
                : moved;
            return { a, b, renames: { tables, columns: columnsDecided } };
        });

    it("with the renames decided, diff(A, B) holds renames only, and apply and invert round-trip", () => {
        fc.assert(
            fc.property(renamedArbitrary, ({ a, b, renames }) => {
                const ops = diff(a, b, { renames });
                return ops.every((op) => op.kind.startsWith("rename")) && sameSchema(applyOps(a, ops), b) && sameSchema(applyOps(b, invertOps(ops)), a);
            }),
            { numRuns: 200 },
        );
    });
});
