import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diff } from "../../lib/diff/diff";
import { formatHeader } from "../../lib/revisions/header";
import { emptySchema, SCHEMA_FORMAT_VERSION } from "../../lib/schema/model";
import { parseDelta, serializeDelta, type RevisionDelta } from "../../lib/store/delta-file";
import { readDeltaLines } from "../../lib/store/delta-lines";
import { RevisionStore } from "../../lib/store/revision-store";
import { digest, forgetStates } from "../../lib/store/state-cache";
import { syntheticSchema } from "../support/synthetic-schema";

// A delta in the layout serializeDelta writes is read a line at a time (no 91 MB string for
// 10,000 tables); what it gives is parseDelta's value and the text's digest, and any other
// layout is left to the whole-text reader.

const delta: RevisionDelta = {
    format: SCHEMA_FORMAT_VERSION,
    revision: "aaaaaaaaaaa1",
    parents: [],
    dialect: "postgres",
    defaultSchema: "public",
    typeormVersion: "1.1.1",
    ops: diff(emptySchema("postgres", "public", "1.1.1"), syntheticSchema(12)),
};

describe("a delta read a line at a time", () => {
    let dir: string;
    beforeEach(() => {
        forgetStates();
        dir = mkdtempSync(join(tmpdir(), "tm-delta-lines-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("gives parseDelta's value and the digest of the text, for the written layout (ops, no ops, a squash's fields)", () => {
        for (const written of [delta, { ...delta, ops: [] }, { ...delta, parents: ["p1"], replaces: ["x1", "x2"], online: true, ops: delta.ops.slice(0, 1) }]) {
            const file = join(dir, "d.json");
            writeFileSync(file, serializeDelta(written));
            const text = readFileSync(file, "utf8");
            const read = readDeltaLines(file);
            expect(read?.delta).to.deep.equal(parseDelta(text, file));
            expect(JSON.stringify(read?.delta)).to.equal(JSON.stringify(parseDelta(text, file)));
            expect(read?.digest).to.equal(digest(text));
        }
    });

    it("leaves other layouts, a trailing comma and a delta that does not validate to the whole-text reader", () => {
        const canonical = serializeDelta(delta);
        const others = [
            JSON.stringify(delta),
            JSON.stringify(delta, null, 2),
            canonical.replace(/}\n {2}\]/, "},\n  ]"),
            canonical.replace('"format":1', '"format":99'),
            canonical.replace(/\n$/, "\n\n"),
            `{,\n  "ops": [\n  ]\n}\n`,
        ];
        for (const text of others) {
            const file = join(dir, "d.json");
            writeFileSync(file, text);
            expect(readDeltaLines(file), `layout ${others.indexOf(text)}`).to.equal(null);
        }
    });

    it("is what the store replays, with a delta in another layout still read as before", () => {
        const migrations = join(dir, "migrations");
        mkdirSync(migrations);
        const header = formatHeader({ revision: delta.revision, parents: [], bind: "default", message: "m" }).join("\n");
        writeFileSync(join(migrations, "1700000000001-m.ts"), `${header}\nexport class M1700000000001 {}\n`);
        writeFileSync(join(migrations, "1700000000001-m.json"), serializeDelta(delta));
        const lines = RevisionStore.open(migrations).stateAt(delta.revision);
        forgetStates();
        writeFileSync(join(migrations, "1700000000001-m.json"), JSON.stringify(delta, null, 2));
        expect(RevisionStore.open(migrations).stateAt(delta.revision)).to.deep.equal(lines);
    });
});
