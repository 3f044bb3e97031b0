import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { distRoot, runCli } from "../support/run-cli";
import { runCliInTerminal } from "../support/terminal";

const fixture = (version: "v1" | "v2") => join(distRoot, "fixtures", "data-safety", `data-source-${version}.js`);

describe("CLI: rows already in the tables (backfills, narrowing, data checks)", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const migrations = () =>
        readdirSync(join(cwd, "migrations", "default"))
            .filter((f) => f.endsWith(".ts"))
            .sort();
    const newest = () => readFileSync(join(cwd, "migrations", "default", migrations().at(-1) as string), "utf8");
    const onDatabase = (sql: string) => {
        const db = new Database(env.BLOG_DB);
        try {
            db.exec(sql);
        } finally {
            db.close();
        }
    };
    const backfills = ["--backfill", "item.note=''", "--backfill", "item.rank=0"];

    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-data-safety-cli-"));
        env = { BLOG_DB: join(cwd, "db.sqlite") };
        expect(cli("generate", "-d", fixture("v1"), "-m", "first").status).to.equal(0);
        expect(cli("upgrade", "-d", fixture("v1")).status).to.equal(0);
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("without a terminal, a column made NOT NULL without a default stops generate with exit 2 and the exact flags; the flags then work", () => {
        const refused = cli("generate", "-d", fixture("v2"), "-m", "second");
        expect(refused.status).to.equal(2);
        expect(refused.stderr).to.include(
            "column item.note becomes NOT NULL and has no default: its rows holding NULL need a value:\n      --backfill 'item.note=<sql>'",
        );
        expect(refused.stderr).to.include(
            "column item.rank is new, NOT NULL and has no default: the rows already in item need a value:\n      --backfill 'item.rank=<sql>'",
        );
        expect(refused.stderr).to.match(
            /typeorm-migrate: error: 2 column\(s\) become NOT NULL with no value for existing rows and there is no terminal to ask/,
        );
        expect(migrations()).to.have.length(1);

        const written = cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills);
        expect(written.status, written.stderr).to.equal(0);
        expect(newest()).to.include(`SELECT "id", "sku", "code", "state", "warehouseId", COALESCE("note", ''), 0 FROM "item"`);
        expect(newest()).to.include("DATA-DEPENDENT addColumn: column item.rank is new; rows already there get 0");
    });

    it("a --backfill for a column that does not become NOT NULL, or for no such table, is bad input", () => {
        const unused = cli("generate", "-d", fixture("v2"), "-m", "x", ...backfills, "--backfill", "item.sku='a'");
        expect(unused.status).to.equal(2);
        expect(unused.stderr).to.include("--backfill item.sku: no such column becomes NOT NULL in this migration");
        const noTable = cli("generate", "-d", fixture("v2"), "-m", "x", ...backfills, "--backfill", "nope.x=1");
        expect(noTable.status).to.equal(2);
        expect(noTable.stderr).to.include("--backfill nope.x=1: the entities have no such table");
        const noValue = cli("generate", "-d", fixture("v2"), "-m", "x", "--backfill", "item.note=");
        expect(noValue.status).to.equal(2);
        expect(noValue.stderr).to.include("the value (an SQL expression) is missing");
        expect(migrations()).to.have.length(1);
    });

    it("in a terminal, asks for each value as makemigrations does, and an empty answer stops with nothing written", async () => {
        const ask = (answers: string[]) => runCliInTerminal(["generate", "-d", fixture("v2"), "-m", "asked"], { cwd, env, prompt: "empty to stop):", answers });
        const stopped = await ask([""]);
        expect(stopped.status, stopped.output).to.equal(2);
        expect(migrations()).to.have.length(1);
        const answered = await ask(["42", "'none'"]);
        expect(answered.status, answered.output).to.equal(0);
        expect(answered.answered).to.equal(2);
        expect(answered.output).to.include("column item.note becomes NOT NULL and has no default");
        expect(newest()).to.include(`COALESCE("note", 'none'), 42 FROM "item"`);
    });

    it("--fail-on destructive exits 1 on a narrowing, naming it", () => {
        const run = cli("generate", "-d", fixture("v2"), "-m", "x", ...backfills, "--fail-on", "destructive");
        expect(run.status).to.equal(1);
        expect(run.stdout).to.match(/alterColumn: item\.sku length: 200 → 100/);
        expect(migrations()).to.have.length(1);
    });

    it("upgrade stops before anything runs on rows the migration would reject, exit 3, one line per check; --sql prints the checks as comments", () => {
        expect(cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills).status).to.equal(0);
        onDatabase(
            `INSERT INTO "warehouse" ("id") VALUES (1); INSERT INTO "item" ("id", "sku", "code", "state", "warehouseId", "note") VALUES (1, 'a', 'A', 'broken', 5, NULL), (2, 'b', 'A', 'new', 1, 'x')`,
        );
        const offline = cli("upgrade", "-d", fixture("v2"), "--sql");
        expect(offline.status, offline.stderr).to.equal(0);
        expect(offline.stdout).to.include(
            '-- data check, run it first: the migration stops if it returns a row\n-- SELECT "id", COUNT(*) OVER () AS "offending" FROM "item" WHERE "state" IN (\'broken\')',
        );

        const run = cli("upgrade", "-d", fixture("v2"));
        expect(run.status).to.equal(3);
        expect(run.stderr + run.stdout).to.include("item.state: values broken (removed from the enum): 1 (first: id=1)");
        expect(run.stderr + run.stdout).to.include(`item (code): values held by more than one row (unique index IDX_item_code): 1 (first: code="A")`);
        expect(run.stderr + run.stdout).to.include(
            "item (warehouseId): values no row of warehouse holds (foreign key FK_59e14a7b9bb9d455f362334fdee): 1 (first: id=1)",
        );
        const current = cli("current", "-d", fixture("v2"));
        expect(current.stdout + current.stderr).to.not.match(/dirty/i);

        onDatabase(`UPDATE "item" SET "state" = 'used', "warehouseId" = NULL, "code" = 'B' WHERE "id" = 1`);
        const again = cli("upgrade", "-d", fixture("v2"));
        expect(again.status, again.stderr).to.equal(0);
        expect(cli("check", "-d", fixture("v2")).status).to.equal(0);
    });
});
