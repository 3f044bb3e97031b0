import { expect } from "chai";
import { mariadb, sqlite, type InterruptibleDatabase } from "../support/interruptible-servers";
import { handWrittenProject, statement, type HandWrittenProject } from "../support/hand-written-revision";

const failing = "INSERT INTO no_such_table VALUES (1)";
const halfApplied = [
    statement("CREATE TABLE t3 (id int PRIMARY KEY, label varchar(50))"),
    statement("INSERT INTO t3 (id, label) VALUES (1, 'kept')"),
    statement(failing),
    statement("CREATE INDEX IDX_t3_label ON t3 (label)"),
];

/** What a failed run says must be what happened to the database. */
describe("what a failed run says (SQLite)", () => {
    let db: InterruptibleDatabase;
    let project: HandWrittenProject;
    const cli = (...args: string[]) => project.cli(args, db.env());
    beforeEach(async () => {
        db = await sqlite.create();
        project = handWrittenProject(db.env());
    });
    afterEach(async () => {
        await db?.drop();
        project?.remove();
    });

    it("--resume refusing an edited statement says nothing was run and the bind stays dirty, not that it was rolled back", async () => {
        project.writeHand(halfApplied);
        expect(cli("upgrade", "--transaction", "none").status).to.equal(3);
        project.writeHand([statement("CREATE TABLE t3x (id int PRIMARY KEY)"), ...halfApplied.slice(1)]);
        const refused = cli("upgrade", "--resume", "--transaction", "none");
        expect(refused.status).to.equal(3);
        expect(refused.stderr).to.match(
            /cannot resume: statement 1 is now CREATE TABLE t3x .* nothing was run; the bind stays dirty as the stopped run left it/,
        );
        expect(refused.stderr).not.to.match(/rolled back/);
        expect(cli("current").stdout).to.match(/DIRTY: upgrade of \w+ failed at INSERT INTO no_such_table VALUES \(1\) after 2 statement\(s\)/);
        project.writeHand(halfApplied.filter((line) => !line.includes(failing)));
        const resumed = cli("upgrade", "--resume", "--transaction", "none");
        expect(resumed.status, resumed.stderr).to.equal(0);
        expect(await db.query("SELECT id, label FROM t3")).to.deep.equal([{ id: 1, label: "kept" }]);
    });

    it("--transaction all: the revisions rolled back with the failed one are not listed as completed", async () => {
        project.writeHand(halfApplied);
        const all = cli("upgrade", "--transaction", "all");
        expect(all.status).to.equal(3);
        expect(all.stderr).to.match(new RegExp(`failed and was rolled back: .*; rolled back with it: ${project.initial}$`, "m"));
        expect(all.stderr).not.to.include("completed before it");
        expect(await db.query("SELECT name FROM sqlite_master WHERE name IN ('page_view', 't3')")).to.deep.equal([]);
        // One transaction per migration: the first one stays, and is named as completed.
        const each = cli("upgrade", "--transaction", "each");
        expect(each.status).to.equal(3);
        expect(each.stderr).to.match(new RegExp(`failed and was rolled back: .*; completed before it: ${project.initial}$`, "m"));
    });
});

/**
 * A generated migration begins with its data checks: reads that throw before the first write when
 * the rows would not survive it. On MariaDB, where nothing is rolled back, the bind must stay clean.
 */
describe("a failing data check leaves the bind clean (MariaDB, with rows)", () => {
    let db: InterruptibleDatabase;
    let project: HandWrittenProject;
    const cli = (...args: string[]) => project.cli(args, db.env());
    before(async () => {
        db = await mariadb.create();
        project = handWrittenProject(db.env());
        expect(cli("upgrade", project.initial).status).to.equal(0);
        await db.query("INSERT INTO page_view (path) VALUES ('/'), ('/legacy')");
    });
    after(async () => {
        await db?.drop();
        project?.remove();
    });

    it("exits 3, nothing applied, no journal, current clean; once the rows are fixed, upgrade runs", async () => {
        project.writeHand([
            "const [check] = await queryRunner.query(\"/* typeorm-migrate data check */ SELECT COUNT(*) AS n FROM page_view WHERE path = '/legacy'\");",
            "if (Number(check.n) > 0) throw new Error(`data check failed: ${check.n} row(s) of page_view have path '/legacy'`);",
            ...halfApplied.filter((line) => !line.includes(failing)),
        ]);
        for (let attempt = 0; attempt < 2; attempt++) {
            const run = cli("upgrade");
            expect(run.status, run.stderr).to.equal(3);
            expect(run.stderr).to.match(/failed: data check failed: 1 row\(s\) of page_view have path '\/legacy'; nothing of it was applied/);
            expect(await db.query("SHOW TABLES LIKE 't3'")).to.deep.equal([]);
            expect(await db.query("SHOW TABLES LIKE 'typeorm_migrate_dirty'")).to.deep.equal([]);
            expect(cli("current").stdout).not.to.include("DIRTY");
        }
        await db.query("UPDATE page_view SET path = '/old' WHERE path = '/legacy'");
        const up = cli("upgrade");
        expect(up.status, up.stderr).to.equal(0);
        expect((await db.query("SELECT path FROM page_view ORDER BY id")).map((r) => r.path)).to.deep.equal(["/", "/old"]);
    });
});
