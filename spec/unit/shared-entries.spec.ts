import { expect } from "chai";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyOps, WorkingSchema } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import type { Op } from "../../lib/diff/ops";
import { canonicalize } from "../../lib/schema/canonical";
import { keyedBy } from "../../lib/schema/keyed";
import { memberKey, tableKey } from "../../lib/schema/keys";
import { emptySchema, SCHEMA_FORMAT_VERSION, type Column, type Schema } from "../../lib/schema/model";
import { EntrySharing, sameJson } from "../../lib/schema/shared-entries";
import { serializeDelta } from "../../lib/store/delta-file";
import { readDeltaLines } from "../../lib/store/delta-lines";
import { RevisionStore } from "../../lib/store/revision-store";
import { forgetStates } from "../../lib/store/state-cache";
import { readStateFile, writeStateFile } from "../../lib/store/state-cache-file";
import { column } from "../support/model-builders";
import { writeStoredRevision } from "../support/stored-revision";
import { syntheticSchema } from "../support/synthetic-schema";

// A head state read back from the cache takes the entities' own entries where they are equal (one
// copy in memory), and a working schema copies only the lists an op changes. Either is invisible
// to every answer: the same JSON, the same keyed maps, the same diff.

const copy = (schema: Schema): Schema => JSON.parse(JSON.stringify(schema)) as Schema;

/** `state` changed the ways entities change: a column retyped, one added, one dropped, a table dropped. */
function changedFrom(state: Schema): Schema {
    const target = copy(state);
    const dropped = target.tables[2].table;
    const first = target.columns[0];
    return canonicalize({
        ...target,
        tables: target.tables.filter((t) => t.table !== dropped),
        columns: [
            ...target.columns
                .filter((c) => c.table !== dropped && !(c.table === target.tables[5].table && c.name === "description"))
                .map((c, i) => (i === 3 ? { ...c, length: "999" } : c)),
            column({ schema: first.schema, table: first.table, name: "zz_added", type: "integer" }),
        ],
        indexes: target.indexes.filter((i) => i.table !== dropped),
        uniques: target.uniques.filter((u) => u.table !== dropped),
        primaryKeys: target.primaryKeys.filter((p) => p.table !== dropped),
        foreignKeys: target.foreignKeys.filter((f) => f.table !== dropped && f.referencedTable !== dropped),
    });
}

describe("sameJson", () => {
    it("is JSON.stringify equality: same keys in the same order, same values", () => {
        expect(sameJson({ a: 1, b: [1, "x", null], c: { d: true } }, { a: 1, b: [1, "x", null], c: { d: true } })).to.equal(true);
        expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).to.equal(false);
        expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).to.equal(false);
        expect(sameJson({ a: [1] }, { a: [1, 1] })).to.equal(false);
        expect(sameJson({ a: null }, { a: 0 })).to.equal(false);
        expect(sameJson({ a: "1" }, { a: 1 })).to.equal(false);
        expect(sameJson([], {})).to.equal(false);
    });

    it("counts a key holding undefined as a difference, and an object of a class as not JSON", () => {
        expect(sameJson({ a: 1, b: undefined }, { a: 1 })).to.equal(false);
        expect(sameJson({ a: 1, b: undefined }, { a: 1, b: undefined })).to.equal(false);
        expect(sameJson({ a: new Date(0) }, { a: new Date(0) })).to.equal(false);
    });
});

describe("a state read from the cache shares the entities' equal entries", () => {
    let root: string;
    beforeEach(() => {
        forgetStates();
        root = mkdtempSync(join(tmpdir(), "tm-shared-entries-"));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function written(state: Schema): string {
        const file = join(root, "state.json");
        const fd = openSync(file, "w");
        writeStateFile(fd, "k", state);
        closeSync(fd);
        return file;
    }

    it("reads the same JSON, with the reference's object wherever the entry is equal, and its own elsewhere", () => {
        const state = syntheticSchema(90);
        const entities = changedFrom(state);
        const file = written(state);
        const alone = readStateFile(file, () => true)?.state as unknown as Schema;
        const shared = readStateFile(file, () => true, new EntrySharing(entities))?.state as unknown as Schema;
        expect(JSON.stringify(shared)).to.equal(JSON.stringify(alone));
        expect(JSON.stringify(shared)).to.equal(JSON.stringify(state));

        const entityColumns = keyedBy(entities.columns, memberKey);
        let sharedCount = 0;
        for (const entry of shared.columns) {
            const own = entityColumns.get(memberKey(entry));
            if (own !== undefined && JSON.stringify(own) === JSON.stringify(entry)) {
                expect(entry).to.equal(own);
                sharedCount++;
            } else expect(entities.columns).not.to.include(entry);
        }
        // Every column but the retyped, dropped and dropped table's ones.
        expect(sharedCount).to.equal(state.columns.length - 1 - 1 - 8);
        expect(shared.tables.filter((t) => entities.tables.includes(t)).length).to.equal(state.tables.length - 1);
        expect(
            shared.foreignKeys.every(
                (fk) => entities.foreignKeys.includes(fk) || fk.table === state.tables[2].table || fk.referencedTable === state.tables[2].table,
            ),
        ).to.equal(true);
    });

    it("leaves the reference's lists as they were, and keys each list as keyedBy would, out of order too", () => {
        const state = syntheticSchema(60);
        // Many new columns at the front: the walk along the entities' columns passes over them.
        const filler = Array.from({ length: 300 }, (_, i) => column({ schema: "public", table: "aaa_first", name: `c${i}`, type: "integer" }));
        const entities = canonicalize({ ...changedFrom(state), columns: [...filler, ...changedFrom(state).columns] });
        const before = JSON.stringify(entities);
        const shared = readStateFile(written(state), () => true, new EntrySharing(entities))?.state as unknown as Schema;
        expect(JSON.stringify(entities)).to.equal(before);
        for (const [list, key] of [
            [shared.columns, memberKey],
            [shared.tables, tableKey],
            [shared.indexes, memberKey],
            [shared.foreignKeys, memberKey],
        ] as [readonly Column[], (entry: Column) => string][]) {
            const keyed = [...keyedBy(list, key)];
            expect(keyed.map(([k]) => k)).to.deep.equal(list.map(key));
            keyed.forEach(([, entry], i) => expect(entry).to.equal(list[i]));
        }
        expect(diff(shared, entities)).to.deep.equal(diff(copy(shared), copy(entities)));
    });

    it("RevisionStore.stateAt shares with the schema it is given, replayed or kept", () => {
        mkdirSync(join(root, "node_modules"));
        const migrations = join(root, "migrations");
        mkdirSync(migrations);
        const v1 = syntheticSchema(20);
        const ops = diff(emptySchema("postgres", "public", "1.1.1"), v1);
        writeStoredRevision(migrations, { id: "aaaaaaaaaaa1", parents: [], ops, timestamp: 1700000000001 });
        const entities = changedFrom(v1);
        // Replayed (nothing kept yet): the delta's ops add the entities' entries.
        const replayed = RevisionStore.open(migrations).stateAt("aaaaaaaaaaa1", entities, entities);
        expect(replayed.columns.filter((c) => entities.columns.includes(c)).length).to.equal(v1.columns.length - 10);
        expect(JSON.stringify(replayed)).to.equal(JSON.stringify(v1));
        forgetStates();
        const kept = RevisionStore.open(migrations).stateAt("aaaaaaaaaaa1", entities, entities);
        expect(JSON.stringify(kept)).to.equal(JSON.stringify(replayed));
        expect(kept.columns.filter((c) => entities.columns.includes(c)).length).to.equal(v1.columns.length - 10);
        forgetStates();
        const unshared = RevisionStore.open(migrations).stateAt("aaaaaaaaaaa1");
        expect(unshared.columns.some((c) => entities.columns.includes(c))).to.equal(false);
    });
});

describe("ops read from a delta share the entities' equal entries", () => {
    it("added, altered, indexed, referenced and renamed entries are the entities' own", () => {
        const dir = mkdtempSync(join(tmpdir(), "tm-shared-ops-"));
        try {
            const v1 = syntheticSchema(6);
            const [first, second] = [v1.tables[0], v1.tables[1]];
            const email = v1.columns.find((c) => c.table === first.table && c.name === "email") as Column;
            const price = v1.columns.find((c) => c.table === second.table && c.name === "price") as Column;
            const entities = canonicalize({
                ...v1,
                columns: [
                    ...v1.columns.map((c) => (c === email ? { ...c, name: "mail" } : c === price ? { ...c, precision: 12 } : c)),
                    column({ schema: "public", table: first.table, name: "nickname", type: "text", nullable: true }),
                ],
                uniques: v1.uniques.map((u) => (u.table === first.table ? { ...u, columns: ["mail"] } : u)),
                indexes: [...v1.indexes, { ...v1.indexes[0], name: "IDX_extra", columns: ["nickname"] }],
                foreignKeys: [...v1.foreignKeys, { ...v1.foreignKeys[0], table: first.table, name: "FK_extra", columns: ["nickname"] }],
            });
            const renamed = { ...email, name: "mail" };
            const ops = [
                { kind: "renameColumn", before: email, after: renamed, reasons: [], risk: "safe" },
                ...diff(applyOps(v1, [{ kind: "renameColumn", before: email, after: renamed, reasons: [], risk: "safe" }]), entities),
            ] as Op[];
            expect(new Set(ops.map((op) => op.kind))).to.deep.equal(new Set(["renameColumn", "alterColumn", "addColumn", "createIndex", "addForeignKey"]));
            const file = join(dir, "r.json");
            writeFileSync(
                file,
                serializeDelta({
                    format: SCHEMA_FORMAT_VERSION,
                    revision: "r2",
                    parents: ["r1"],
                    dialect: "postgres",
                    defaultSchema: "public",
                    typeormVersion: "1.1.1",
                    ops,
                }),
            );
            const read = readDeltaLines(file, new EntrySharing(entities));
            const alone = readDeltaLines(file);
            expect(JSON.stringify(read?.delta)).to.equal(JSON.stringify(alone?.delta));
            expect(read?.digest).to.equal(alone?.digest);
            const added = (read?.delta.ops ?? []).map((op) => {
                switch (op.kind) {
                    case "renameColumn":
                    case "alterColumn":
                        return op.after;
                    case "addColumn":
                        return op.column;
                    case "createIndex":
                        return op.index;
                    case "addForeignKey":
                        return op.foreignKey;
                    default:
                        return null;
                }
            });
            const own = [...entities.columns, ...entities.indexes, ...entities.foreignKeys] as unknown[];
            expect(added.every((entry) => own.includes(entry))).to.equal(true);
            expect(added.filter((entry) => entry !== null)).to.have.length(ops.length);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("a working schema copies only the lists an op changes", () => {
    it("keeps the other lists as they are, and the base's keyed maps untouched", () => {
        const base = syntheticSchema(30);
        const target = base.columns[4];
        const baseMap = keyedBy(base.columns, memberKey);
        const op: Op = { kind: "alterColumn", before: target, after: { ...target, length: "999" }, reasons: [], risk: "safe" };
        const after = applyOps(base, [op]);
        for (const field of ["tables", "indexes", "uniques", "foreignKeys", "primaryKeys", "checks", "enums", "views"] as const)
            expect(after[field]).to.equal(base[field]);
        expect(after.columns).not.to.equal(base.columns);
        expect(keyedBy(base.columns, memberKey)).to.equal(baseMap);
        expect(baseMap.get(memberKey(target))).to.equal(target);
        expect(JSON.stringify(after)).to.equal(
            JSON.stringify({ ...copy(base), columns: copy(base).columns.map((c, i) => (i === 4 ? { ...c, length: "999" } : c)) }),
        );
        expect([...keyedBy(after.columns, memberKey)]).to.deep.equal(after.columns.map((c) => [memberKey(c), c]));
    });

    it("gives a list holding a key twice once, as before, though no op touched it", () => {
        const base = syntheticSchema(4);
        const twice = { ...base, indexes: [...base.indexes, { ...base.indexes[0], unique: true }] };
        const target = base.columns[1];
        const after = applyOps(twice, [{ kind: "alterColumn", before: target, after: { ...target, nullable: true }, reasons: [], risk: "safe" }]);
        expect(after.indexes.map(memberKey)).to.deep.equal(base.indexes.map(memberKey));
        expect(after.indexes[0].unique).to.equal(true);
    });

    it("applies no op after finish(), which gave its maps to the lists it returned", () => {
        const base = syntheticSchema(2);
        const working = new WorkingSchema(base);
        const target = base.columns[1];
        working.apply({ kind: "alterColumn", before: target, after: { ...target, nullable: true }, reasons: [], risk: "safe" });
        const done = working.finish();
        expect(() => working.apply({ kind: "dropColumn", column: done.columns[1], reasons: [], risk: "destructive" })).to.throw(/after finish/);
        expect(keyedBy(done.columns, memberKey).get(memberKey(target))?.nullable).to.equal(true);
    });
});
