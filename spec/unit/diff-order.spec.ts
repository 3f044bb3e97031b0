import { expect } from "chai";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Schema } from "../../lib/schema/model";
import { syntheticSchema } from "../support/synthetic-schema";

const summary = (ops: ReturnType<typeof diff>) =>
    ops.map((op) => {
        switch (op.kind) {
            case "createTable":
            case "dropTable":
                return `${op.kind} ${op.definition.table.table}`;
            case "addForeignKey":
            case "dropForeignKey":
                return `${op.kind} ${op.foreignKey.name}`;
            case "alterColumn":
                return `${op.kind} ${op.after.table}.${op.after.name}`;
            case "createEnum":
            case "dropEnum":
                return `${op.kind} ${op.enumType.name}`;
            case "alterEnum":
                return `${op.kind} ${op.before.values.join(",")} → ${op.after.values.join(",")}`;
            default:
                return op.kind;
        }
    });

/** Three tables where each references the one before it, named so that key order is the reverse of FK order. */
function chain(): Schema {
    const schema = syntheticSchema(3);
    const rename = (name: string) => ({ entity_00000: "c", entity_00001: "b", entity_00002: "a" })[name] ?? name;
    const retable = <T extends { table: string }>(list: readonly T[]) => list.map((e) => ({ ...e, table: rename(e.table) }));
    return canonicalize({
        ...schema,
        tables: retable(schema.tables),
        columns: retable(schema.columns),
        primaryKeys: retable(schema.primaryKeys),
        indexes: retable(schema.indexes),
        uniques: retable(schema.uniques),
        foreignKeys: retable(schema.foreignKeys).map((fk) => ({ ...fk, referencedTable: rename(fk.referencedTable) })),
    });
}

describe("differ op order", () => {
    const empty = emptySchema("postgres", "public", "1.1.1");

    it("creates parents before children and adds foreign keys after every table", () => {
        const kinds = summary(diff(empty, chain()));
        expect(kinds.filter((k) => k.startsWith("createTable"))).to.deep.equal(["createTable c", "createTable b", "createTable a"]);
        expect(kinds.lastIndexOf("createTable a")).to.be.lessThan(kinds.findIndex((k) => k.startsWith("addForeignKey")));
    });

    it("drops foreign keys first, then children before parents; the down of a create does the same", () => {
        const kinds = summary(diff(chain(), empty));
        expect(kinds.filter((k) => k.startsWith("dropTable"))).to.deep.equal(["dropTable a", "dropTable b", "dropTable c"]);
        const lastForeignKeyDrop = Math.max(...kinds.map((k, i) => (k.startsWith("dropForeignKey") ? i : -1)));
        expect(lastForeignKeyDrop).to.be.greaterThan(-1);
        expect(kinds.findIndex((k) => k.startsWith("dropTable"))).to.be.greaterThan(lastForeignKeyDrop);
        expect(summary(invertOps(diff(empty, chain()))).filter((k) => k.startsWith("dropTable"))).to.deep.equal(["dropTable a", "dropTable b", "dropTable c"]);
    });

    it("drops and re-adds a foreign key around a type change of the column it references", () => {
        const before = chain();
        const after = canonicalize({ ...before, columns: before.columns.map((c) => (c.table === "c" && c.name === "id" ? { ...c, type: "bigint" } : c)) });
        const kinds = summary(diff(before, after));
        const fk = before.foreignKeys.find((f) => f.referencedTable === "c")?.name as string;
        expect(kinds).to.deep.equal([`dropForeignKey ${fk}`, "alterColumn c.id", `addForeignKey ${fk}`]);
    });

    it("adds enum values before columns use them, and removes values only after the columns changed", () => {
        const withEnum = (values: string[], defaultValue: string): Schema => {
            const base = chain();
            return canonicalize({
                ...base,
                enums: [{ schema: "public", name: "mood", values }],
                columns: [
                    ...base.columns,
                    { ...base.columns[0], name: "mood", type: "enum", enum: values, enumName: "mood", default: defaultValue, generated: null, primary: false },
                ],
            });
        };
        const kinds = summary(diff(withEnum(["sad", "ok"], "'ok'"), withEnum(["ok", "happy"], "'happy'")));
        expect(kinds).to.deep.equal([
            "alterEnum sad,ok → sad,ok,happy",
            `alterColumn ${kinds[1].slice("alterColumn ".length)}`,
            "alterEnum sad,ok,happy → ok,happy",
        ]);
    });
});
