import { expect } from "chai";
import Database from "better-sqlite3";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { generateFor } from "../support/generate";
import { blogConfigFile, runCli } from "../support/run-cli";
import { writeDataSource, type Tables } from "../support/data-source-file";

// rev2 adds a column, rev3 renames it, rev4 adds a table: squashing rev2:rev4 must keep the rename a rename.
const versions: Tables[] = [
    { account: { email: "varchar" } },
    { account: { email: "varchar", nickname: "varchar" } },
    { account: { email: "varchar", handle: "varchar" } },
    { account: { email: "varchar", handle: "varchar" }, invoice: { total: "integer" } },
    { account: { email: "varchar", handle: "varchar", age: "integer" }, invoice: { total: "integer" } },
];
const rev = (k: number) => `rev${k}0000`;

/**
 * `squash` from the command line on SQLite: a range that starts above base (a database at its start
 * keeps its rows through a rename), what history says, a database part-way through when the old
 * files are gone, and the ranges it refuses.
 */
describe("CLI: squash", () => {
    let cwd: string;
    const dir = () => join(cwd, "migrations", "default");
    const ds = () => join(cwd, "v5.js");
    const cli = (db: string, ...args: string[]) => runCli([...args, "-d", ds()], { cwd, env: { APP_DB: join(cwd, db) } });
    const rows = (db: string, sql: string) => {
        const sqlite = new Database(join(cwd, db));
        try {
            const statement = sqlite.prepare(sql);
            return statement.reader ? statement.all() : (statement.run(), []);
        } finally {
            sqlite.close();
        }
    };
    const oneError = (run: { status: number | null; stderr: string }) => {
        expect(run.status, run.stderr).to.equal(2);
        expect(run.stderr.trim().split("\n"), run.stderr).to.have.length(1);
        return run.stderr;
    };

    before(async () => {
        cwd = mkdtempSync(join(tmpdir(), "tm-squash-cli-"));
        process.env.APP_DB = join(cwd, "unused.sqlite");
        for (const [i, tables] of versions.entries()) {
            const file = join(cwd, `v${i + 1}.js`);
            writeDataSource(file, tables);
            const renames = i === 2 ? { tables: [], columns: [{ table: { schema: "", table: "account" }, from: "nickname", to: "handle" }] } : undefined;
            await generateFor(dir(), require(file) as DataSource, {
                message: `step ${i + 1}`,
                revisionId: rev(i + 1),
                timestamp: 1764000000000 + i * 1000,
                renames,
            });
        }
        // Databases waiting at rev2 (the range's start, with a row) and rev3 (part-way through it).
        for (const [db, target] of [
            ["at-start.sqlite", rev(2)],
            ["part-way.sqlite", rev(3)],
        ]) {
            const up = cli(db, "upgrade", target);
            expect(up.status, up.stderr).to.equal(0);
        }
        rows("at-start.sqlite", `INSERT INTO account (email, nickname) VALUES ('a@example.com', 'ann')`);
        const squash = cli("unused.sqlite", "squash", `${rev(2)}:${rev(4)}`, "-m", "accounts and invoices", "--rev-id", "squash01");
        expect(squash.status, squash.stderr).to.equal(0);
        expect(squash.stdout).to.match(
            /^Generated migrations\/default\/\d{13}-accounts-and-invoices\.ts \(revision squash01\), replacing 2 revisions rev30000 \.\. rev40000\n/,
        );
    });
    after(() => {
        delete process.env.APP_DB;
        rmSync(cwd, { recursive: true, force: true });
    });

    it("the squashed migration renames rather than drops, and lists what it replaces", () => {
        const file = readdirSync(dir()).find((f) => f.endsWith("-accounts-and-invoices.ts")) as string;
        const text = readFileSync(join(dir(), file), "utf8");
        expect(text)
            .to.include(" * Parents: rev20000\n")
            .and.match(/ \* Replaces:\n \* {3}rev30000 Step31764000002000\n \* {3}rev40000 Step41764000003000\n/);
        expect(text)
            .to.match(/RENAME COLUMN "nickname" TO "handle"/)
            .and.not.match(/DROP COLUMN "nickname"/);
        const delta = JSON.parse(readFileSync(join(dir(), file.replace(/\.ts$/, ".json")), "utf8")) as { replaces: string[]; parents: string[] };
        expect(delta).to.deep.include({ replaces: [rev(3), rev(4)], parents: [rev(2)] });
    });

    it("history says which revisions the squash replaces and that their files can go; rev5 hangs off the squash", () => {
        const history = cli("unused.sqlite", "history");
        expect(history.stdout.trim().split("\n")).to.deep.equal([
            "squash01 -> rev50000 (head), step 5",
            "rev20000 -> squash01 (squash of 2: rev30000 .. rev40000, whose files can be deleted once every database is at squash01 or later), accounts and invoices",
            "rev30000 -> rev40000 (replaced by squash01), step 4",
            "rev20000 -> rev30000 (replaced by squash01), step 3",
            "rev10000 -> rev20000, step 2",
            "<base> -> rev10000, step 1",
        ]);
        const json = JSON.parse(cli("unused.sqlite", "history", "--json").stdout) as { binds: { revisions: Record<string, unknown>[] }[] };
        const byId = new Map(json.binds[0].revisions.map((r) => [r.revision, r]));
        expect(byId.get("squash01")).to.deep.include({ replaces: [rev(3), rev(4)] });
        expect(byId.get(rev(3))).to.deep.include({ replacedBy: "squash01" });
        expect(cli("unused.sqlite", "heads").stdout).to.match(/^squash01 -> rev50000 \(head\), step 5\n$/);
        // verify walks every revision up and back down: through the old files while they are here.
        const verify = cli("unused.sqlite", "verify");
        expect(verify.status, verify.stdout + verify.stderr).to.equal(0);
    });

    it("upgrade and downgrade --sql for a DBA take the path each starting revision takes, and write or delete the squash's row once", () => {
        const blocks = (range: string, command = "upgrade") => {
            const run = cli("unused.sqlite", command, range, "--sql");
            expect(run.status, run.stderr).to.equal(0);
            return run.stdout.match(/^-- (\w+) \w+: .*$/gm)?.map((line) => line.replace(/^-- (\w+) \w+: [^(]*/, "$1 ").trim());
        };
        expect(blocks(":squash01")).to.deep.equal([rev(1), rev(2), "squash01"]);
        expect(blocks(`:${rev(4)}`)).to.deep.equal([rev(1), rev(2), rev(3), rev(4), "squash01 (record only)"]);
        expect(blocks(`${rev(3)}:head`)).to.deep.equal([rev(4), rev(5), "squash01 (record only)"]);
        expect(blocks(`${rev(4)}:head`)).to.deep.equal(["squash01 (record only)", rev(5)]);
        // Down into the range through the old files, as online; the squash's row goes after them.
        expect(blocks(`head:${rev(3)}`, "downgrade")).to.deep.equal([rev(5), rev(4), "squash01 (unrecord only)"]);
        expect(blocks(`head:${rev(4)}`, "downgrade")).to.deep.equal([rev(5)]);
        expect(blocks(`head:${rev(2)}`, "downgrade")).to.deep.equal([rev(5), "squash01"]);
        const fresh = cli("unused.sqlite", "upgrade", `${rev(2)}:squash01`, "--sql").stdout;
        expect(fresh).to.match(/INSERT INTO "migrations"\("timestamp", "name"\) VALUES \(1764000002000, 'Step31764000002000'\)/);
    });

    it("a database at the range's start runs the squash, keeping its rows through the rename; downgrade brings it back", () => {
        const up = cli("at-start.sqlite", "upgrade");
        expect(up.status, up.stderr).to.equal(0);
        expect(up.stdout.match(/^Applying (\w+)/gm)).to.deep.equal(["Applying squash01", `Applying ${rev(5)}`]);
        expect(rows("at-start.sqlite", "SELECT email, handle FROM account")).to.deep.equal([{ email: "a@example.com", handle: "ann" }]);
        expect(cli("at-start.sqlite", "check").status).to.equal(0);
        const down = cli("at-start.sqlite", "downgrade", rev(2));
        expect(down.status, down.stderr).to.equal(0);
        expect(down.stdout.match(/^Reverting (\w+)/gm)).to.deep.equal([`Reverting ${rev(5)}`, "Reverting squash01"]);
        expect(rows("at-start.sqlite", "SELECT email, nickname FROM account")).to.deep.equal([{ email: "a@example.com", nickname: "ann" }]);
        expect(rows("at-start.sqlite", "SELECT name FROM migrations ORDER BY id")).to.deep.equal([
            { name: "Step11764000000000" },
            { name: "Step21764000001000" },
        ]);
    });

    it("a database part-way through with the old files gone gets one line naming where it is; with them it goes on", () => {
        const saved = join(cwd, "saved");
        cpSync(dir(), saved, { recursive: true });
        for (const file of readdirSync(dir()).filter((f) => /-step-[34]\./.test(f))) unlinkSync(join(dir(), file));
        for (const command of ["upgrade", "current"]) {
            expect(oneError(cli("part-way.sqlite", command))).to.equal(
                "typeorm-migrate: error: the database is at rev30000, part-way through the revisions squash squash01 replaces, and their migration files are gone; " +
                    "upgrade it with the release that still has those files, then with this one\n",
            );
        }
        expect(cli("unused.sqlite", "history").stdout).to.include("(squash of 2: rev30000 .. rev40000, files deleted)");
        rmSync(dir(), { recursive: true });
        cpSync(saved, dir(), { recursive: true });
        const up = cli("part-way.sqlite", "upgrade");
        expect(up.status, up.stderr).to.equal(0);
        expect(up.stdout.match(/^Applying (\w+)/gm)).to.deep.equal([`Applying ${rev(4)}`, `Applying ${rev(5)}`]);
        expect(cli("part-way.sqlite", "current").stdout).to.equal(`${rev(5)} (head), step 5\n`);
        // At the squash now: its row is written, as TypeORM's migration:show would otherwise list it pending.
        const recorded = rows("part-way.sqlite", "SELECT name FROM migrations").map((r) => (r as { name: string }).name);
        expect(recorded.filter((name) => name.startsWith("AccountsAndInvoices"))).to.have.length(1);
    });

    it("stamp inside the range takes the squash's row away, and stamp at the squash writes it, so upgrade walks the old files again", () => {
        const ok = (...args: string[]) => {
            const run = cli("stamped.sqlite", ...args);
            expect(run.status, run.stderr).to.equal(0);
            return run.stdout;
        };
        const recorded = () => rows("stamped.sqlite", "SELECT name FROM migrations ORDER BY name").map((r) => (r as { name: string }).name);
        const squashRow = "AccountsAndInvoices";
        ok("upgrade", rev(3));
        ok("upgrade");
        expect(recorded().filter((name) => name.startsWith(squashRow))).to.have.length(1);
        ok("stamp", rev(3));
        expect(recorded()).to.deep.equal(["Step11764000000000", "Step21764000001000", "Step31764000002000"]);
        expect(ok("current")).to.equal(`${rev(3)}, step 3\n`);
        ok("stamp", "squash01");
        expect(recorded().filter((name) => !name.startsWith(squashRow))).to.deep.equal([
            "Step11764000000000",
            "Step21764000001000",
            "Step31764000002000",
            "Step41764000003000",
        ]);
        expect(recorded().filter((name) => name.startsWith(squashRow))).to.have.length(1);
        ok("stamp", rev(3));
        // The schema taken back to rev3 by hand, as stamp expects: upgrade runs the old files from there.
        rows("stamped.sqlite", "DROP TABLE invoice");
        rows("stamped.sqlite", "ALTER TABLE account DROP COLUMN age");
        rows("stamped.sqlite", "INSERT INTO account (email, handle) VALUES ('b@example.com', 'bo')");
        expect(ok("upgrade").match(/^Applying (\w+)/gm)).to.deep.equal([`Applying ${rev(4)}`, `Applying ${rev(5)}`]);
        expect(rows("stamped.sqlite", "SELECT email, handle FROM account")).to.deep.equal([{ email: "b@example.com", handle: "bo" }]);
        expect(ok("current")).to.equal(`${rev(5)} (head), step 5\n`);
        expect(recorded().filter((name) => name.startsWith(squashRow))).to.have.length(1);
    });

    it("refuses, in one line with exit 2, ranges one revision cannot replace", () => {
        const refusals: [string[], RegExp][] = [
            [["squash", "nope"], /unknown revision "nope"/],
            [["squash", `${rev(5)}:${rev(2)}`], /rev50000 is not an ancestor of rev20000/],
            [["squash", `${rev(1)}:${rev(3)}`], /rev30000 is already replaced by squash squash01: the ranges overlap/],
            [["squash", `squash01:${rev(5)}`], /nothing to squash: squash01:rev50000 holds one revision/],
            [["squash", `${rev(1)}:${rev(5)}`], /squash01 is itself a squash; a squash is not squashed again/],
        ];
        for (const [args, message] of refusals) expect(oneError(cli("unused.sqlite", ...args)), args.join(" ")).to.match(message);
        const hand = cli("unused.sqlite", "revision", "-m", "backfill", "--rev-id", "hand0001");
        expect(hand.status, hand.stderr).to.equal(0);
        // A data migration written into the blank revision, and a generated one edited afterwards.
        for (const suffix of ["-backfill.ts", "-step-5.ts"]) {
            const file = join(dir(), readdirSync(dir()).find((f) => f.endsWith(suffix)) as string);
            writeFileSync(
                file,
                readFileSync(file, "utf8").replace(
                    /(public async up\(queryRunner: QueryRunner\): Promise<void> \{\n)/,
                    "$1        await queryRunner.query(`UPDATE account SET age = 1`);\n",
                ),
            );
        }
        expect(oneError(cli("unused.sqlite", "squash", "squash01:hand0001"))).to.match(
            /not squashed: the migrations of rev50000, hand0001 run SQL their \.json does not describe \(written or edited by hand, or generated from the live database\); squash the ranges on either side of them/,
        );
        expect(readdirSync(dir()).filter((f) => f.endsWith(".ts"))).to.have.length(7);
    });

    it("works on one bind: several need --bind, and the range is that bind's", () => {
        const config = ["-c", blogConfigFile("v1")];
        expect(oneError(runCli(["squash", "head", ...config], { cwd }))).to.match(
            /squash works on one bind; there are several \(default, analytics\): name one with --bind/,
        );
        expect(oneError(runCli(["squash", "head", "--bind", "analytics", ...config], { cwd }))).to.match(/bind "analytics": nothing to squash: head is base/);
    });
});
