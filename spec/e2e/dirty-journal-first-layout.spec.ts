import { expect } from "chai";
import { handWrittenProject, statement, type HandWrittenProject } from "../support/hand-written-revision";
import { sqlite, type InterruptibleDatabase } from "../support/interruptible-servers";

/**
 * A bind left dirty by the first release, whose journal was one row holding the applied
 * statements as a JSON list: today's runner still reports it and resumes it.
 */
describe("a dirty bind journaled in the first release's layout (SQLite)", () => {
    let db: InterruptibleDatabase;
    let project: HandWrittenProject;
    const cli = (...args: string[]) => project.cli(args, db.env());
    before(async () => {
        db = await sqlite.create();
        project = handWrittenProject(db.env());
        expect(cli("upgrade", project.initial).status).to.equal(0);
        await db.query("INSERT INTO page_view (path) VALUES ('/')");
    });
    after(async () => {
        await db?.drop();
        project?.remove();
    });

    it("current reports it, upgrade refuses, upgrade --resume skips what applied and ends at head", async () => {
        const applied = ["CREATE TABLE t3 (id int PRIMARY KEY, label varchar(50))", "INSERT INTO t3 (id, label) VALUES (1, 'kept')"];
        project.writeHand([...applied.map(statement), statement("CREATE INDEX IDX_t3_label ON t3 (label)")]);
        // What the first release left after the index failed: the two statements and its one-row table.
        for (const sql of applied) await db.query(sql);
        await db.query(
            `CREATE TABLE "typeorm_migrate_dirty" ("revision" text NOT NULL, "name" text NOT NULL, "direction" text NOT NULL, "applied" text NOT NULL, "failed_statement" text NOT NULL, "error" text NOT NULL)`,
        );
        await db.query(
            `INSERT INTO "typeorm_migrate_dirty" VALUES ('${project.hand}', '${project.handClass}', 'up', '${JSON.stringify(applied).replace(/'/g, "''")}', 'CREATE INDEX IDX_t3_label ON t3 (label)', 'disk full')`,
        );
        expect(cli("current").stdout).to.match(
            new RegExp(
                `DIRTY: upgrade of ${project.hand} failed at CREATE INDEX IDX_t3_label ON t3 \\(label\\) after 2 statement\\(s\\); migration ${project.handClass}`,
            ),
        );
        expect(cli("upgrade").status).to.equal(2);
        const resumed = cli("upgrade", "--resume", "--transaction", "none");
        expect(resumed.status, resumed.stderr).to.equal(0);
        expect(cli("current").stdout).to.include(`${project.hand} (head)`);
        expect(await db.query("SELECT id, label FROM t3")).to.deep.equal([{ id: 1, label: "kept" }]);
        expect(await db.query("SELECT name FROM sqlite_master WHERE name = 'typeorm_migrate_dirty'")).to.deep.equal([]);
    });
});
