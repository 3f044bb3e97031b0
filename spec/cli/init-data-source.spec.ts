import { expect } from "chai";
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distRoot, repoRoot, runCli } from "../support/run-cli";

/** A data source file: the blog at $BLOG_VERSION, its `migrations` setting from $GLOB (none when unset). */
const dataSource = [
    `const { blogDataSource } = require(${JSON.stringify(join(distRoot, "fixtures", "blog"))} + "/" + (process.env.BLOG_VERSION || "v1"));`,
    `module.exports = blogDataSource({ type: "better-sqlite3", database: "blog.sqlite", migrations: process.env.GLOB ? [process.env.GLOB] : [] });`,
].join("\n");

describe("init -d: the data source recorded once, as Flask-Migrate finds the app", () => {
    let cwd: string;
    const cli = (env: Record<string, string>, ...args: string[]) => runCli(args, { cwd, env });
    const files = (dir: string) => (existsSync(join(cwd, dir)) ? readdirSync(join(cwd, dir)).sort() : []);

    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-init-d-"));
        writeFileSync(join(cwd, "data-source.js"), dataSource);
        // TypeScript migrations (the default) need the project's TypeScript to run.
        symlinkSync(join(repoRoot, "node_modules"), join(cwd, "node_modules"), "dir");
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("without a migrations setting: migrations/default/, and later commands need no -d", () => {
        const init = cli({}, "init", "-d", "./data-source.js");
        expect(init.status, init.stderr).to.equal(0);
        expect(readFileSync(join(cwd, "typeorm-migrate.config.json"), "utf8")).to.equal('{\n    "binds": {\n        "default": "data-source.js"\n    }\n}\n');
        expect(files("migrations")).to.deep.equal(["README.md", "default"]);
        const generate = cli({}, "generate", "-m", "Initial migration.");
        expect(generate.status, generate.stderr).to.equal(0);
        expect(generate.stdout).to.match(/Generated migrations\/default\/\d{13}-initial-migration\.ts/);
        expect(cli({}, "upgrade").status).to.equal(0);
        expect(cli({}, "current").stdout).to.match(/\(head\), Initial migration\./);
    });

    it("with --dir: recorded as the config's migrationsDir, <dir>/default", () => {
        expect(cli({ GLOB: "src/migrations/*.ts" }, "init", "-d", "data-source.js", "--dir", "db").status).to.equal(0);
        expect(JSON.parse(readFileSync(join(cwd, "typeorm-migrate.config.json"), "utf8"))).to.deep.equal({
            migrationsDir: "db",
            binds: { default: "data-source.js" },
        });
        const generate = cli({ GLOB: "src/migrations/*.ts" }, "generate");
        expect(generate.stdout).to.match(/Generated db\/default\/\d{13}-auto\.ts/);
    });

    it("refuses (exit 2, nothing written) a second init -d, -d with --multidb, a missing file and a glob over several folders", () => {
        const refused = (env: Record<string, string>, args: string[], message: RegExp) => {
            const run = cli(env, ...args);
            expect(run.status, run.stdout + run.stderr).to.equal(2);
            expect(run.stderr.trim().split("\n")).to.have.length(1);
            expect(run.stderr).to.match(message);
        };
        refused({}, ["init", "-d", "nope.js"], /data source file not found: nope\.js/);
        refused(
            { GLOB: "src/*/migrations/*.ts" },
            ["init", "-d", "data-source.js"],
            /"src\/\*\/migrations\/\*\.ts" spans several folders: .*; set it to one folder .* or pass --dir <folder>/,
        );
        refused({}, ["init", "--multidb", "-d", "data-source.js"], /-d names one data source; --multidb/);
        expect(files(".")).to.deep.equal(["data-source.js", "node_modules"]);
        expect(cli({}, "init", "-d", "data-source.js").status).to.equal(0);
        refused({}, ["init", "-d", "data-source.js"], /typeorm-migrate\.config\.json already exists/);
    });

    it("revisions already in migrations/default stay there when the DataSource gains a migrations glob", () => {
        expect(cli({}, "generate", "-d", "data-source.js", "-m", "Initial migration.").status).to.equal(0);
        const env = { GLOB: "src/migrations/*.ts", BLOG_VERSION: "v2" };
        const generate = cli(env, "generate", "-d", "data-source.js", "-m", "Added new fields");
        expect(generate.status, generate.stderr).to.equal(0);
        expect(generate.stdout).to.match(/Generated migrations\/default\/\d{13}-added-new-fields\.ts/);
        expect(files("src")).to.deep.equal([]);
        expect(cli(env, "heads", "-d", "data-source.js").stdout).to.include("Added new fields");
    });

    it("init --from-db -d adopts the database and records the data source too", () => {
        const db = new Database(join(cwd, "blog.sqlite"));
        db.exec("CREATE TABLE legacy (id integer PRIMARY KEY)");
        db.close();
        const init = cli({}, "init", "--from-db", "-d", "data-source.js");
        expect(init.status, init.stderr).to.equal(0);
        expect(JSON.parse(readFileSync(join(cwd, "typeorm-migrate.config.json"), "utf8"))).to.deep.equal({ binds: { default: "data-source.js" } });
        expect(cli({}, "current").stdout).to.match(/\(head\), Baseline of the existing database/);
    });
});
