import { expect } from "chai";
import { applyOps, WorkingSchema } from "../../lib/diff/apply";
import { changedColumnPairs } from "../../lib/diff/column-pairs";
import { columnAttributesCompared, columnChanges } from "../../lib/diff/compare";
import { diff } from "../../lib/diff/diff";
import { canonicalize, withTypeormVersion } from "../../lib/schema/canonical";
import { deepEqual } from "../../lib/schema/equal";
import { keyedBy } from "../../lib/schema/keyed";
import { memberKey, tableKey } from "../../lib/schema/keys";
import type { Column, Schema } from "../../lib/schema/model";
import { replayDelta } from "../../lib/store/replay-delta";
import { readSchema } from "../../lib/entities/read-schema";
import { blogVersions } from "../../fixtures/blog/versions";
import { column } from "../support/model-builders";
import { syntheticSchema } from "../support/synthetic-schema";

// The differ and the replay skip work on large schemas (a canonical schema is not sorted again, a
// list's keyed map is built once, unchanged columns are not compared twice): each shortcut must
// answer exactly what the long way answers.

const copy = (schema: Schema): Schema => JSON.parse(JSON.stringify(schema)) as Schema;

describe("the differ's shortcuts on large schemas", () => {
    it("canonicalize gives its own result back as it is, and a copy of it the same content", () => {
        const schema = canonicalize(copy(syntheticSchema(5)));
        expect(canonicalize(schema)).to.equal(schema);
        const again = canonicalize(copy(schema));
        expect(again).not.to.equal(schema);
        expect(JSON.stringify(again)).to.equal(JSON.stringify(schema));
        const older = withTypeormVersion(schema, "0.3.20");
        expect(older.typeormVersion).to.equal("0.3.20");
        expect(canonicalize(older)).to.equal(older);
        expect(JSON.stringify(canonicalize(copy(older)))).to.equal(JSON.stringify(older));
    });

    it("canonicalize still sorts a schema built by hand, whose lists are out of order", () => {
        const schema = syntheticSchema(3);
        const shuffled = { ...schema, tables: [...schema.tables].reverse(), columns: [...schema.columns].reverse() };
        const sorted = canonicalize(shuffled);
        expect(sorted.tables.map(tableKey)).to.deep.equal([...schema.tables.map(tableKey)].sort());
        expect(canonicalize(sorted)).to.equal(sorted);
    });

    it("deepEqual treats a key holding undefined as absent, and compares arrays in order", () => {
        expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).to.equal(true);
        expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).to.equal(true);
        expect(deepEqual({ a: 1, b: null }, { a: 1 })).to.equal(false);
        expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).to.equal(false);
        expect(deepEqual({ a: [1, { c: "x" }] }, { a: [1, { c: "x" }] })).to.equal(true);
        expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).to.equal(false);
        expect(deepEqual([1], { 0: 1 })).to.equal(false);
        expect(deepEqual(null, {})).to.equal(false);
    });

    it("columnChanges reports each compared attribute changed on its own", () => {
        const before = column({
            schema: "public",
            table: "t",
            name: "c",
            type: "character varying",
            length: "10",
            enum: ["a", "b"],
            enumName: "t_c_enum",
        });
        const other: Record<string, unknown> = {
            type: "text",
            length: "20",
            precision: 5,
            scale: 2,
            array: true,
            enumName: "other_enum",
            unsigned: true,
            charset: "utf8mb4",
            spatialFeatureType: "Point",
            srid: 4326,
            nullable: !before.nullable,
            default: "'x'",
            generated: "increment",
            identity: "ALWAYS",
            asExpression: "1 + 1",
            generatedType: "STORED",
            enum: ["a", "c"],
            comment: "note",
            collation: "C",
            onUpdate: "CURRENT_TIMESTAMP",
            primary: !before.primary,
        };
        expect(Object.keys(other).sort()).to.deep.equal([...columnAttributesCompared].sort());
        for (const attribute of columnAttributesCompared) {
            const after = { ...before, [attribute]: other[attribute] };
            expect(columnChanges(before, after), attribute).to.have.length(1);
            expect(columnChanges(before, after)[0], attribute).to.match(new RegExp(`^${attribute}: `));
        }
        // An equal enum list in another array is no change.
        expect(columnChanges(before, { ...before, enum: ["a", "b"] })).to.deep.equal([]);
    });

    it("changedColumnPairs holds exactly the columns columnChanges finds changed, in the old schema's order", () => {
        const from = canonicalize(copy(syntheticSchema(20)));
        const to = canonicalize({
            ...copy(from),
            columns: from.columns.map((c, i) => (i % 7 === 3 ? { ...c, nullable: !c.nullable } : i % 11 === 5 ? { ...c, enum: ["x"] } : { ...c })),
        });
        const toColumns = new Map(to.columns.map((c) => [memberKey(c), c]));
        const expected = from.columns.filter((c) => columnChanges(c, toColumns.get(memberKey(c)) as Column).length > 0).map(memberKey);
        expect(expected.length).to.be.greaterThan(2);
        expect(changedColumnPairs(from.columns, to.columns).map(([before]) => memberKey(before))).to.deep.equal(expected);
    });

    it("the keyed maps a replay leaves behind equal maps built from the lists, and later ops do not reach them", () => {
        const base = canonicalize(copy(syntheticSchema(4)));
        const added = column({ schema: base.columns[0].schema, table: base.columns[0].table, name: "zz_extra", type: "integer" });
        const working = new WorkingSchema(base);
        working.apply({ kind: "addColumn", column: added, reasons: [], risk: "safe" });
        const state = working.toSchema();
        working.apply({ kind: "dropColumn", column: added, reasons: [], risk: "safe" });
        for (const [list, key] of [
            [state.columns, memberKey],
            [state.indexes, memberKey],
            [state.tables, tableKey],
        ] as const) {
            const fresh = new Map((list as readonly (Column & { name: string })[]).map((entry) => [(key as (e: unknown) => string)(entry), entry]));
            expect([...keyedBy(list as readonly unknown[], key as (e: unknown) => string)]).to.deep.equal([...fresh]);
        }
        expect(state.columns).to.include(added);
    });

    it("a replayed state and the same schema from JSON diff alike against a changed copy", () => {
        const base = canonicalize(copy(syntheticSchema(30)));
        const delta = { format: 1, revision: "r1", parents: [], dialect: base.dialect, defaultSchema: base.defaultSchema, typeormVersion: "1.1.1" };
        const replayed = replayDelta(applyOps(base, []), { ...delta, ops: [] } as never, "r1.json");
        const target = copy(base);
        const changed = {
            ...target,
            tables: target.tables.slice(1),
            columns: target.columns
                .filter((c) => c.table !== target.tables[0].table)
                .map((c, i) => (i === 4 ? { ...c, length: "999" } : i === 9 ? { ...c, name: `${c.name}_new` } : c)),
            indexes: target.indexes.filter((i) => i.table !== target.tables[0].table),
            uniques: target.uniques.filter((u) => u.table !== target.tables[0].table),
            primaryKeys: target.primaryKeys.filter((p) => p.table !== target.tables[0].table),
            foreignKeys: target.foreignKeys.filter((f) => f.table !== target.tables[0].table && f.referencedTable !== target.tables[0].table),
        };
        const fromReplay = diff(replayed, canonicalize(changed));
        const fromJson = diff(copy(replayed), copy(canonicalize(changed)));
        expect(fromReplay.length).to.be.greaterThan(3);
        expect(JSON.stringify(fromReplay)).to.equal(JSON.stringify(fromJson));
    });
});

describe("the reader lets go of the metadata it built", () => {
    const blog = () => blogVersions[1].dataSource({ type: "postgres", database: "unused" });

    it("a data source without metadata is left without, and reads the same again", async () => {
        const dataSource = blog();
        const first = await readSchema(dataSource);
        expect(dataSource.entityMetadatas).to.deep.equal([]);
        expect(dataSource.hasMetadata("Post")).to.equal(false);
        const second = await readSchema(dataSource);
        expect(JSON.stringify(second)).to.equal(JSON.stringify(first));
        expect(JSON.stringify(await readSchema(blog()))).to.equal(JSON.stringify(first));
    });

    it("metadata a data source already had are kept", async () => {
        const dataSource = blog();
        await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
        const built = dataSource.entityMetadatas;
        const schema = await readSchema(dataSource);
        expect(dataSource.entityMetadatas).to.equal(built);
        expect(dataSource.getMetadata("Post").tableName).to.equal("post");
        expect(JSON.stringify(schema)).to.equal(JSON.stringify(await readSchema(blog())));
    });
});
