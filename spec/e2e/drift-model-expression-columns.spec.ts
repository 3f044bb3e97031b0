import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { entities } from "../../fixtures/drift/entities";
import { sqliteDialect } from "../../lib/dialects/sqlite";
import { applyOps } from "../../lib/diff/apply";
import { diff } from "../../lib/diff/diff";
import { planBaseline } from "../../lib/generate/plan-from-database";
import { pendingChanges } from "../../lib/generate/plan-revision";
import { writeRevision } from "../../lib/generate/write-revision";
import { introspect } from "../../lib/introspect";
import { renderStatements } from "../../lib/render/statements";
import { RevisionStore } from "../../lib/store/revision-store";
import { sqliteHarness, type ScratchDatabase } from "../support/dialect-harness";

// Issue 16: an adopted SQLite database's index over expressions, when the entities rename one
// column it names and drop another: generate drops those indexes first (SQLite refuses to drop an
// indexed column, and rewrites a renamed one in the index itself), keeps the rest, keeps the rows.

describe("an adopted SQLite expression index over a column the entities rename or drop", () => {
    let db: ScratchDatabase;
    let dataSource: DataSource;
    let dir: string;

    before(async () => {
        dir = mkdtempSync(join(tmpdir(), "tm-expression-columns-"));
        db = await sqliteHarness.createDatabase();
        dataSource = await buildBlogDataSource(entities, db.options).initialize();
    });
    after(async () => {
        await dataSource?.destroy();
        await db?.drop();
        rmSync(dir, { recursive: true, force: true });
    });

    it("drops them before the rename and the drop, saying why; the one over a staying column stays; check --db is clean", async () => {
        await dataSource.query(
            `CREATE TABLE "item" ("id" integer PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "code" varchar NOT NULL, "note" varchar NOT NULL)`,
        );
        await dataSource.query(`CREATE INDEX "IDX_lower_name" ON "item" (lower("name"))`);
        await dataSource.query(`CREATE INDEX "IDX_upper_code" ON "item" (upper(code))`);
        await dataSource.query(`CREATE INDEX "IDX_note_len" ON "item" (length("note"))`);
        await dataSource.query(`INSERT INTO "item" VALUES (1, 'Ada', 'x1', 'first'), (2, 'Bob', 'x2', 'second')`);
        const adopted = await introspect(dataSource);
        writeRevision(dir, planBaseline(RevisionStore.open(dir), adopted, [], { message: "baseline", bind: "default", now: 1764000000000 }));
        const current = {
            ...adopted,
            columns: adopted.columns.filter((c) => c.name !== "code").map((c) => (c.name === "name" ? { ...c, name: "title" } : c)),
            indexes: [],
        };
        const renames = { tables: [], columns: [{ table: { schema: "", table: "item" }, from: "name", to: "title" }] };
        const { ops, base } = pendingChanges(RevisionStore.open(dir), current, { renames });
        expect(ops.filter((op) => op.kind === "dropIndex").map((op) => op.reasons[0])).to.have.members([
            `index IDX_lower_name on item (lower("name")) names column name, renamed to title: dropped, re-create it by hand`,
            "index IDX_upper_code on item (upper(code)) names column code, which the entities drop",
        ]);
        for (const step of renderStatements(sqliteDialect, base, ops)) for (const statement of step.statements) await dataSource.query(statement.sql);
        expect(diff(applyOps(base, ops), await introspect(dataSource))).to.deep.equal([]);
        expect((await introspect(dataSource)).indexes.map((index) => index.name)).to.deep.equal(["IDX_note_len"]);
        expect(await dataSource.query(`SELECT "id", "title", "note" FROM "item" ORDER BY "id"`)).to.deep.equal([
            { id: 1, title: "Ada", note: "first" },
            { id: 2, title: "Bob", note: "second" },
        ]);
    });
});
