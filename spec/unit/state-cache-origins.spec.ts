import { expect } from "chai";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EntryOrigins } from "../../lib/schema/entry-origins";
import type { Schema } from "../../lib/schema/model";
import { readStateFile, writeStateFile } from "../../lib/store/state-cache-file";
import { syntheticSchema } from "../support/synthetic-schema";

// A head state whose entries are the entities' own, read from kept units, names them by unit key
// in the state file: a later run that kept those units takes them instead of parsing the copy.

/** One read per table, as the reader's units give them: the table's own entries, the schema's very objects. */
function readsOf(schema: Schema): { readonly key: string; readonly read: object }[] {
    return schema.tables.map(({ table }) => ({
        key: `unit-${table}`,
        read: {
            entity: table,
            tables: schema.tables.filter((t) => t.table === table),
            columns: schema.columns.filter((c) => c.table === table),
            primaryKeys: schema.primaryKeys.filter((p) => p.table === table),
            indexes: schema.indexes.filter((i) => i.table === table),
            foreignKeys: schema.foreignKeys.filter((f) => f.table === table),
        },
    }));
}

/** What a later run holds: the same units read back from their JSON, kept (or, `kept` false, built anew). */
function laterRun(reads: readonly { readonly key: string; readonly read: object }[], kept = true, leaveOut = ""): EntryOrigins {
    const origins = new EntryOrigins();
    for (const { key, read } of reads) if (key !== leaveOut) origins.add(key, [JSON.parse(JSON.stringify(read)) as object], kept);
    return origins;
}

describe("state cache entries named by the unit that read them", () => {
    let folder: string;
    let file: string;
    const schema = syntheticSchema(120);
    const reads = readsOf(schema);
    beforeEach(() => {
        folder = mkdtempSync(join(tmpdir(), "tm-state-origins-"));
        file = join(folder, "state.json");
        const written = new EntryOrigins();
        for (const { key, read } of reads) written.add(key, [read], false);
        const fd = openSync(file, "w");
        writeStateFile(fd, "k", schema, written);
        closeSync(fd);
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    const read = (origins?: EntryOrigins) => readStateFile(file, () => true, undefined, origins)?.state ?? null;
    /** Every line of entries after a line naming their units garbled: only a reader that takes the units' entries reads the file. */
    const garbleNamedLines = () => {
        const lines = readFileSync(file, "utf8").split("\n");
        const garbled = lines.map((line, at) => (at > 1 && lines[at - 1].startsWith("[[") ? line.replace(/"/g, "'") : line));
        writeFileSync(file, garbled.join("\n"));
        return garbled.filter((line) => line.includes("'")).length;
    };

    it("names the lines whose every entry came from a unit, and leaves the rest to be parsed", () => {
        const lines = readFileSync(file, "utf8").split("\n");
        const origins = lines.filter((_, at) => at % 2 === 1);
        // tables, columns (960: two lines), primary keys, indexes, foreign keys by their units; the uniques and the rest by no unit.
        expect(origins.filter((line) => line.startsWith("[["))).to.have.length(6);
        expect(origins.filter((line) => line === "0").length).to.be.greaterThan(0);
        const columns = JSON.parse(origins[1]) as [string, number, number, number][];
        expect(columns[0]).to.deep.equal(["unit-entity_00000", 0, 0, 8]);
    });

    it("takes the kept units' entries for those lines, without parsing them, and reads what the whole file says", () => {
        const expected = JSON.parse(JSON.stringify(read())) as Schema;
        const origins = laterRun(reads);
        expect(garbleNamedLines()).to.equal(6);
        const state = read(origins) as unknown as Schema;
        expect(state).to.deep.equal(expected);
        expect(state.columns[8]).to.equal(origins.entriesAt({ key: "unit-entity_00001", read: 0, field: "columns", at: 0 }, 1)?.[0]);
        // Without the units the garbled lines are read, and do not parse.
        expect(() => read()).to.throw(SyntaxError);
    });

    it("parses a line naming a unit this run did not keep, or built anew", () => {
        const expected = read();
        expect(read(laterRun(reads, true, "unit-entity_00007"))).to.deep.equal(expected);
        garbleNamedLines();
        expect(() => read(laterRun(reads, true, "unit-entity_00007"))).to.throw(SyntaxError);
        expect(() => read(laterRun(reads, false))).to.throw(SyntaxError);
    });
});
