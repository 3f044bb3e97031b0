import { expect } from "chai";
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dumpSqliteCatalog } from "../support/catalog/sqlite";
import { diffCatalogs } from "../support/catalog/compare";
import { runCli } from "../support/run-cli";
import { writeDataSource, type Tables } from "../support/data-source-file";

/**
 * Two developers generate from the same parent: two heads. generate and `upgrade head` refuse;
 * `upgrade heads` applies both branches; `merge` joins them with a revision whose snapshot is the
 * three-way merge, so the next generate diffs against both branches' changes together.
 */
describe("CLI: branch and merge", () => {
    let cwd: string;
    let env: Record<string, string>;
    const ds = (name: string) => join(cwd, `${name}.js`);
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const base: Tables = { account: { email: "varchar" } };
    const payments: Tables = { ...base, invoice: { total: "integer" } };
    const search: Tables = { account: { email: "varchar", nickname: "varchar" }, search_term: { term: "varchar" } };
    const merged: Tables = { account: { email: "varchar", nickname: "varchar" }, invoice: { total: "integer" }, search_term: { term: "varchar" } };
    const dir = () => join(cwd, "migrations", "default");
    const catalogOf = (file: string) => {
        const db = new Database(file, { readonly: true });
        return dumpSqliteCatalog(db).finally(() => db.close());
    };

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-merge-"));
        env = { APP_DB: join(cwd, "app.sqlite") };
        for (const [name, tables] of Object.entries({ base, payments, search, merged })) writeDataSource(ds(name), tables);
        expect(cli("generate", "-d", ds("base"), "-m", "base", "--rev-id", "base0001").status).to.equal(0);
        // Developer B works from a copy of the folder at base0001 and hands back their revision.
        const theirs = join(cwd, "theirs");
        cpSync(join(cwd, "migrations"), theirs, { recursive: true });
        expect(runCli(["generate", "-d", ds("search"), "-m", "search", "--rev-id", "srch0001", "--dir", theirs], { cwd, env }).status).to.equal(0);
        expect(cli("generate", "-d", ds("payments"), "-m", "payments", "--rev-id", "paym0001").status).to.equal(0);
        for (const file of readdirSync(join(theirs, "default")).filter((f) => f.includes("-search."))) cpSync(join(theirs, "default", file), join(dir(), file));
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("heads and branches show the fork; history --graph draws it", () => {
        const heads = cli("heads");
        expect(heads.stdout)
            .to.match(/base0001 -> paym0001 \(head\), payments/)
            .and.match(/base0001 -> srch0001 \(head\), search/)
            .and.match(/2 heads: run `typeorm-migrate merge/);
        const branches = cli("branches");
        expect(branches.stdout.trim().split("\n")).to.deep.equal([
            "<base> -> base0001 (branchpoint), base",
            "    -> base0001 -> srch0001 (head), search",
            "    -> base0001 -> paym0001 (head), payments",
        ]);
        const graph = cli("history", "--graph");
        expect(graph.stdout.trim().split("\n")).to.deep.equal([
            "*  base0001 -> paym0001 (head), payments",
            "| *  base0001 -> srch0001 (head), search",
            "|/",
            "*  <base> -> base0001 (branchpoint), base",
        ]);
        const json = JSON.parse(cli("heads", "--json").stdout) as { binds: { bind: string; heads: { revision: string }[] }[] };
        expect(json.binds.map((b) => [b.bind, b.heads.map((h) => h.revision)])).to.deep.equal([["default", ["srch0001", "paym0001"]]]);
    });

    it("generate and upgrade head refuse, naming both heads and the way out", () => {
        for (const args of [
            ["generate", "-d", ds("merged"), "-m", "x"],
            ["upgrade", "-d", ds("merged")],
        ]) {
            const run = cli(...args);
            expect(run.status).to.equal(2);
            expect(run.stderr).to.equal(
                'typeorm-migrate: error: multiple heads: srch0001, paym0001; run `typeorm-migrate merge -m "<message>"` (or `upgrade heads` to apply every branch)\n',
            );
        }
        expect(readdirSync(dir()).filter((f) => f.endsWith(".ts"))).to.have.length(3);
    });

    it("upgrade heads applies both branches", async () => {
        const run = cli("upgrade", "heads", "-d", ds("merged"));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout.match(/^Applying /gm)).to.have.length(3);
        const current = JSON.parse(cli("current", "-d", ds("merged"), "--json").stdout) as { binds: { current: { revision: string }[] }[] };
        expect(current.binds[0].current.map((c) => c.revision)).to.deep.equal(["srch0001", "paym0001"]);
    });

    it("merge writes a revision with both parents whose snapshot holds both branches: check is clean on the merged entities", async () => {
        const run = cli("merge", "-m", "join payments and search", "--rev-id", "merg0001");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/Generated migrations\/default\/\d{13}-join-payments-and-search\.ts \(revision merg0001, merging srch0001, paym0001\)/);
        const file = readdirSync(dir()).find((f) => f.endsWith("-join-payments-and-search.ts")) as string;
        const text = readFileSync(join(dir(), file), "utf8");
        expect(text).to.include(" * Parents: srch0001, paym0001").and.include("nothing runs here").and.not.include("queryRunner.query(");
        expect(cli("check", "-d", ds("merged")).status).to.equal(0);
        expect(cli("check", "-d", ds("payments")).status).to.equal(1);
        expect(cli("generate", "-d", ds("merged"), "-m", "x").stdout.trim()).to.equal("No changes in schema detected.");
        expect(cli("merge", "-m", "again").stdout.trim()).to.equal("Nothing to merge: one head.");
    });

    it("upgrade runs the merge revision; the database equals synchronize() of the merged entities", async () => {
        expect(cli("upgrade", "-d", ds("merged")).status).to.equal(0);
        const syncFile = join(cwd, "sync.sqlite");
        const sync = spawnSync(
            process.execPath,
            ["-e", `const ds = require(${JSON.stringify(ds("merged"))}); ds.initialize().then(() => ds.synchronize()).then(() => ds.destroy())`],
            { cwd, env: { ...process.env, APP_DB: syncFile }, encoding: "utf8" },
        );
        expect(sync.status, sync.stderr).to.equal(0);
        expect(diffCatalogs(await catalogOf(syncFile), await catalogOf(env.APP_DB), { a: "synchronize()", b: "migrations" })).to.deep.equal([]);
        expect(cli("history", "--graph").stdout.trim().split("\n")[0]).to.equal(
            "*  srch0001, paym0001 -> merg0001 (head, mergepoint), join payments and search",
        );
    });

    it("downgrade across the merge: to one branch's head, then back up, then to base", async () => {
        const down = cli("downgrade", "paym0001", "-d", ds("merged"));
        expect(down.status, down.stderr).to.equal(0);
        expect(down.stdout.match(/^Reverting (\w+)/gm)).to.deep.equal(["Reverting merg0001", "Reverting srch0001"]);
        expect(await catalogOf(env.APP_DB)).to.satisfy((c: unknown) => JSON.stringify(c).includes("invoice") && !JSON.stringify(c).includes("search_term"));
        expect(cli("upgrade", "-d", ds("merged")).status).to.equal(0);
        expect(cli("downgrade", "base", "-d", ds("merged")).status).to.equal(0);
        const db = new Database(env.APP_DB, { readonly: true });
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
        db.close();
        expect(tables.map((t) => t.name)).to.deep.equal(["migrations"]);
    });
});
