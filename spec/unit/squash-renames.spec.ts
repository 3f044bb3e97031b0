import { expect } from "chai";
import type { Op } from "../../lib/diff/ops";
import { renamesAcross } from "../../lib/generate/plan-squash-renames";
import { SquashRangeError } from "../../lib/revisions/errors";
import { emptySchema, type Column, type Schema, type Table } from "../../lib/schema/model";
import type { RevisionStore } from "../../lib/store/revision-store";
import { column, table } from "../support/model-builders";
import { revisionNode } from "../support/revision-nodes";

const user = table({ schema: "", table: "user" });
const account = table({ schema: "", table: "account" });
const col = (owner: Table, name: string) => column({ schema: "", table: owner.table, name, type: "varchar" });
const schemaOf = (tables: Table[], columns: Column[]): Schema => ({ ...emptySchema("sqlite", "", "0.3.20"), tables, columns });
/** An op as the differ writes it; the renames read nothing but its names. */
const op = (fields: Record<string, unknown> & { kind: Op["kind"] }) => ({ reasons: [], risk: "safe", ...fields }) as unknown as Op;

/** The renames of a range whose revisions r1, r2, … made `ops` (one list each), read from `base` to `target`. */
function renames(ops: Op[][], base: Schema, target: Schema) {
    const deltas = new Map(ops.map((list, i) => [`r${i + 1}`, { ops: list }]));
    const store = { delta: (revision: string) => deltas.get(revision) } as unknown as RevisionStore;
    return renamesAcross(
        store,
        [...deltas.keys()].map((revision) => revisionNode(revision, [], 0)),
        base,
        target,
    );
}

describe("squash: renames made inside the range", () => {
    const base = schemaOf([user], [col(user, "id"), col(user, "email")]);

    it("keeps a column rename whose old name stays free, chained across a table rename", () => {
        const target = schemaOf([account], [col(account, "id"), col(account, "contact")]);
        const decided = renames(
            [
                [op({ kind: "renameColumn", before: col(user, "email"), after: col(user, "contact") })],
                [op({ kind: "renameTable", before: user, after: account })],
            ],
            base,
            target,
        );
        expect(decided.columns).to.deep.equal([{ table: { schema: "", table: "account" }, from: "email", to: "contact" }]);
        expect(decided.tables).to.deep.equal([{ from: { schema: "", table: "user" }, to: { schema: "", table: "account" } }]);
    });

    it("refuses a column rename whose old name a later revision adds again, naming both revisions", () => {
        const target = schemaOf([user], [col(user, "id"), col(user, "contact"), col(user, "email")]);
        const ops: Op[][] = [
            [op({ kind: "renameColumn", before: col(user, "email"), after: col(user, "contact") })],
            [op({ kind: "addColumn", column: col(user, "email") })],
        ];
        expect(() => renames(ops, base, target))
            .to.throw(SquashRangeError)
            .that.includes({
                message:
                    "not squashed: r1 renames column user.email to contact and r2 adds a new column user.email; one migration cannot do both, " +
                    "and planned as an add it would leave the rows under the old name",
                hint: "end the range before r2 or start it at r1",
            });
    });

    it("refuses a table rename whose old name a later revision creates again", () => {
        const target = schemaOf([account, user], [col(account, "id"), col(account, "email"), col(user, "id")]);
        const ops: Op[][] = [
            [op({ kind: "renameTable", before: user, after: account })],
            [],
            [op({ kind: "createTable", definition: { table: user, columns: [col(user, "id")], primaryKey: null, uniques: [], checks: [] } })],
        ];
        expect(() => renames(ops, base, target)).to.throw(SquashRangeError, "not squashed: r1 renames table user to account and r3 adds a new table user;");
    });
});
