import { expect } from "chai";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diff } from "../../lib/diff/diff";
import type { Op } from "../../lib/diff/ops";
import { canonicalize } from "../../lib/schema/canonical";
import { emptySchema, type Schema } from "../../lib/schema/model";
import { RevisionStore } from "../../lib/store/revision-store";
import { forgetStates } from "../../lib/store/state-cache";
import { CACHE_FILE_FORMAT, readStateFile } from "../../lib/store/state-cache-file";
import { writeStoredRevision } from "../support/stored-revision";
import { syntheticSchema } from "../support/synthetic-schema";

// The kept state is written and read a line at a time (no 85 MB string for 10,000 tables); what
// comes back must be the state the deltas replay to, and a file of the one-string format is not read.

const empty = emptySchema("postgres", "public", "1.1.1");

/** 80 tables (640 columns: several lines of them), with enums, views, checks and metadata rows. */
function richSchema(): Schema {
    const base = syntheticSchema(80);
    return canonicalize({
        ...base,
        schemas: ["audit"],
        extensions: ["uuid-ossp"],
        enums: [
            { schema: "public", name: "mood", values: ["sad", "ok", "happy"] },
            { schema: "audit", name: "level", values: ["low", "high"] },
        ],
        checks: base.tables.slice(0, 5).map(({ schema, table }) => ({ schema, table, name: `CHK_${table}_price`, expression: `"price" >= 0` })),
        views: [
            { schema: "public", name: "cheap", expression: `SELECT "id" FROM "entity_00000" WHERE "price" < 1`, materialized: false, dependsOn: [] },
            { schema: "public", name: "cheapest", expression: `SELECT "id" FROM "cheap"`, materialized: true, dependsOn: ["cheap"] },
        ],
        metadataRows: [{ type: "VIEW", schema: "public", table: "", name: "cheap", value: `SELECT "id" FROM "entity_00000" WHERE "price" < 1` }],
    });
}

/** The hand-made renames of a table, a column and an enum on `schema`. */
function renames(schema: Schema): Op[] {
    const table = schema.tables[3];
    const column = schema.columns.find((c) => c.table === schema.tables[7].table && c.name === "email");
    if (column === undefined) throw new Error("fixture: no email column");
    const mood = schema.enums.find((e) => e.name === "mood");
    if (mood === undefined) throw new Error("fixture: no mood enum");
    return [
        { kind: "renameTable", before: table, after: { ...table, table: "renamed_table" } },
        { kind: "renameColumn", before: column, after: { ...column, name: "mail" } },
        { kind: "renameEnum", before: mood, after: { ...mood, name: "feeling" } },
    ] as Op[];
}

describe("the state cache's file format (a line at a time)", () => {
    let root: string;
    let migrations: string;
    let cacheDir: string;
    const head = () => {
        const store = RevisionStore.open(migrations);
        return store.stateAt(store.graph.head() as string);
    };
    const cacheFile = () => join(cacheDir, readdirSync(cacheDir).filter((f) => f.endsWith(".json"))[0]);

    beforeEach(() => {
        forgetStates();
        root = mkdtempSync(join(tmpdir(), "tm-cache-format-"));
        mkdirSync(join(root, "node_modules"));
        migrations = join(root, "migrations");
        mkdirSync(migrations);
        cacheDir = join(root, "node_modules", ".cache", "typeorm-migrate");
        const v1 = richSchema();
        writeStoredRevision(migrations, { id: "aaaaaaaaaaa1", parents: [], ops: diff(empty, v1), timestamp: 1700000000001 });
        writeStoredRevision(migrations, { id: "bbbbbbbbbbb2", parents: ["aaaaaaaaaaa1"], ops: renames(v1), timestamp: 1700000000002 });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it("gives back the very state the deltas replay to (enums, views, checks, renames)", () => {
        const replayed = head();
        expect(replayed.tables.map((t) => t.table)).to.include("renamed_table");
        expect(replayed.enums.map((e) => e.name)).to.include("feeling");
        forgetStates();
        const kept = head();
        expect(kept).not.to.equal(replayed);
        expect(kept).to.deep.equal(replayed);
        expect(JSON.stringify(kept)).to.equal(JSON.stringify(replayed));
        // The columns took several lines, and the first line is the small header.
        const lines = readFileSync(cacheFile(), "utf8").split("\n");
        expect(lines.length).to.be.greaterThan(4);
        expect((JSON.parse(lines[0]) as { format: number }).format).to.equal(CACHE_FILE_FORMAT);
        expect(lines[0].length).to.be.lessThan(2000);
    });

    it("ignores a file in the one-string format (format 1), even under the chain's key, and replaces it", () => {
        const replayed = head();
        const key = readStateFile(cacheFile(), () => false)?.key as string;
        writeFileSync(cacheFile(), JSON.stringify({ format: 1, key, state: { ...replayed, extensions: ["from-an-old-file"] } }));
        forgetStates();
        const state = head();
        expect(state.extensions).to.deep.equal(["uuid-ossp"]);
        expect(readStateFile(cacheFile(), () => true)?.key).to.equal(key);
    });

    it("ignores a file cut short, or with more entries than its header says", () => {
        const replayed = head();
        const whole = readFileSync(cacheFile(), "utf8");
        const lines = whole.split("\n");
        for (const damaged of [lines.slice(0, -2).join("\n") + "\n", whole + lines[1] + "\n"]) {
            writeFileSync(cacheFile(), damaged);
            expect(readStateFile(cacheFile(), () => true)?.state).to.equal(null);
            forgetStates();
            expect(head()).to.deep.equal(replayed);
        }
    });
});
