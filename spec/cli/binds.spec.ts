import { expect } from "chai";
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogConfigFile, blogDataSourceFile, repoRoot, runCli } from "../support/run-cli";

/** The blog as a two-bind app (default + analytics) on two SQLite files, through the CLI. */
describe("CLI: several binds from typeorm-migrate.config", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const at = (version: "v1" | "v2" | "v3") => ["-c", blogConfigFile(version), "--dir", "migrations"];
    const files = (bind: string) =>
        existsSync(join(cwd, "migrations", bind))
            ? readdirSync(join(cwd, "migrations", bind))
                  .filter((f) => f.endsWith(".ts"))
                  .sort()
            : [];
    const tables = (file: string) =>
        new Database(file, { readonly: true })
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .all()
            .map((row) => (row as { name: string }).name);

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-binds-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite"), ANALYTICS_DB: join(cwd, "analytics.sqlite") };
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("generate writes one migration per bind, each in migrations/<bind>, lines prefixed with the bind", () => {
        const run = cli("generate", ...at("v1"), "-m", "Initial migration.");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/^\[default\] Generated migrations\/default\/\d{13}-initial-migration\.ts/m);
        expect(run.stdout).to.match(/^\[analytics\] Generated migrations\/analytics\/\d{13}-initial-migration\.ts/m);
        expect(
            run.stdout
                .split("\n")
                .filter(Boolean)
                .every((line) => /^\[(default|analytics)\] /.test(line)),
        ).to.equal(true);
        expect(files("default")).to.have.length(1);
        expect(files("analytics")).to.have.length(1);
        expect(readFileSync(join(cwd, "migrations", "analytics", files("analytics")[0]), "utf8")).to.include("page_view");
        expect(readFileSync(join(cwd, "migrations", "default", files("default")[0]), "utf8")).not.to.include("page_view");
    });

    it("upgrade applies each bind to its own database, with its own migrations table", () => {
        const run = cli("upgrade", ...at("v1"));
        expect(run.status, run.stderr).to.equal(0);
        expect(tables(env.BLOG_DB)).to.include.members(["migrations", "post", "user"]).and.not.include("page_view");
        expect(tables(env.ANALYTICS_DB)).to.have.members(["daily_count", "migrations", "page_view"]);
    });

    it("after both models change, generate writes both; after only one changes, the other says No changes", () => {
        const both = cli("generate", ...at("v2"), "-m", "Added new fields");
        expect(both.status, both.stderr).to.equal(0);
        expect([files("default").length, files("analytics").length]).to.deep.equal([2, 2]);
        expect(cli("upgrade", ...at("v2")).status).to.equal(0);
        const one = cli("generate", ...at("v3"), "-m", "Dropped tags and ratings");
        expect(one.status, one.stderr).to.equal(0);
        expect(one.stdout).to.match(/^\[analytics\] No changes in schema detected\.$/m);
        expect(one.stdout).to.match(/^\[default\] Generated /m);
        expect([files("default").length, files("analytics").length]).to.deep.equal([3, 2]);
    });

    it("check reports per bind and exits 1 when any bind has changes; --bind narrows it", () => {
        const run = cli("check", ...at("v2"));
        expect(run.status).to.equal(1);
        expect(run.stdout).to.match(/^\[default\] \d+ change\(s\) not covered/m);
        expect(run.stdout).to.match(/^\[analytics\] No changes in schema detected\.$/m);
        expect(cli("check", ...at("v2"), "--bind", "analytics").status).to.equal(0);
        expect(cli("check", ...at("v3")).status).to.equal(0);
    });

    it("downgrade with several binds needs --bind or --all-binds (exit 2, nothing reverted)", () => {
        const run = cli("downgrade", ...at("v3"));
        expect(run.status).to.equal(2);
        expect(run.stderr).to.match(/several binds \(default, analytics\): name one with --bind <name>, or pass --all-binds/);
        expect(tables(env.ANALYTICS_DB)).to.include("event");
        const one = cli("downgrade", ...at("v3"), "--bind", "analytics");
        expect(one.status, one.stderr).to.equal(0);
        expect(one.stdout).not.to.match(/\[default\]/);
        expect(tables(env.ANALYTICS_DB)).not.to.include("event");
        expect(tables(env.BLOG_DB)).to.include("post_like");
        const current = cli("current", ...at("v3"));
        expect(current.stdout).to.match(/^\[default\] \w+, Added new fields$/m);
        expect(current.stdout).to.match(/^\[analytics\] \w+, Initial migration\.$/m);
        const all = cli("downgrade", "base", ...at("v3"), "--all-binds");
        expect(all.status, all.stderr).to.equal(0);
        expect(tables(env.BLOG_DB)).to.deep.equal(["migrations"]);
        expect(tables(env.ANALYTICS_DB)).to.deep.equal(["migrations"]);
    });

    it("a failure on one bind stops the run and says which binds were upgraded and which were not", () => {
        const run = runCli(["upgrade", ...at("v3")], { cwd, env: { ...env, ANALYTICS_DB: join(cwd, "migrations") } });
        expect(run.status).to.equal(3);
        expect(run.stderr.trim().split("\n")).to.have.length(1);
        expect(run.stderr).to.match(/bind "analytics": cannot connect to the database: .*; upgraded: default; not upgraded: analytics$/m);
        expect(tables(env.BLOG_DB)).to.include("post");
    });

    it("an unknown --bind is exit 2 naming the known binds", () => {
        const run = cli("history", ...at("v3"), "--bind", "reporting");
        expect(run.status).to.equal(2);
        expect(run.stderr).to.match(/unknown bind "reporting": .* has "default", "analytics"/);
    });
});

describe("CLI: binds, nothing half-written", () => {
    let cwd: string;
    const cli = (...args: string[]) => runCli(args, { cwd, env: { BLOG_DB: join(cwd, "blog.sqlite") } });
    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-binds-bad-"));
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("a bind whose data source cannot load stops generate before any bind's file is written", () => {
        writeFileSync(
            join(cwd, "typeorm-migrate.config.json"),
            JSON.stringify({ binds: { default: blogDataSourceFile("v1"), broken: "missing-data-source" } }),
        );
        const run = cli("generate", "-m", "x");
        expect(run.status).to.equal(2);
        expect(run.stderr).to.match(/^typeorm-migrate: error: bind "broken": data source file not found: .*missing-data-source$/m);
        expect(existsSync(join(cwd, "migrations"))).to.equal(false);
    });

    it("the config's exclude patterns leave tables out of the comparison", () => {
        writeFileSync(
            join(cwd, "typeorm-migrate.config.json"),
            JSON.stringify({ exclude: ["tag"], binds: { default: { dataSource: blogDataSourceFile("v1"), exclude: ["post_tags_*"] } } }),
        );
        expect(cli("generate", "-m", "x").status).to.equal(0);
        const migration = readdirSync(join(cwd, "migrations", "default")).find((f) => f.endsWith(".ts")) as string;
        const text = readFileSync(join(cwd, "migrations", "default", migration), "utf8");
        expect(text).to.include('CREATE TABLE "post"');
        expect(text).not.to.match(/CREATE TABLE "(tag|post_tags_tag)"/);
    });

    it("-d and -c together are bad input", () => {
        writeFileSync(join(cwd, "c.json"), JSON.stringify({ binds: { default: blogDataSourceFile("v1") } }));
        const run = cli("check", "-c", "c.json", "-d", blogDataSourceFile("v1"));
        expect(run.status).to.equal(2);
        expect(run.stderr).to.match(/either -d .* or -c/);
    });

    it("init --multidb writes a config with commented binds that the tool reads", () => {
        const run = cli("init", "--multidb");
        expect(run.status, run.stderr).to.equal(0);
        const text = readFileSync(join(cwd, "typeorm-migrate.config.ts"), "utf8");
        expect(text).to.match(/\/\/ One entry per database/);
        const history = cli("history");
        expect(history.status, history.stderr).to.equal(0);
        expect(history.stdout.trim().split("\n")).to.deep.equal(["[default] No revisions yet.", "[analytics] No revisions yet."]);
        const check = cli("check");
        expect(check.status).to.equal(2);
        expect(check.stderr).to.match(/bind "default": data source file not found: .*src\/data-source\.ts/);
        expect(cli("init", "--multidb").status).to.equal(2);
    });
});

describe("CLI: a bind's serverVersion drives TypeORM's version-dependent choices", () => {
    let cwd: string;
    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-binds-version-"));
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("MariaDB before 10.7 has no uuid type: a uuid column is varchar(36) there, uuid from 10.7", () => {
        const typeorm = JSON.stringify(join(repoRoot, "node_modules", "typeorm"));
        writeFileSync(
            join(cwd, "ds.js"),
            `const { DataSource, EntitySchema } = require(${typeorm});
const Token = new EntitySchema({ name: "token", columns: { id: { type: "uuid", primary: true, generated: "uuid" }, label: { type: "varchar" } } });
module.exports = new DataSource({ type: "mariadb", database: "offline", entities: [Token] });
`,
        );
        const generate = (serverVersion?: string) => {
            writeFileSync(
                join(cwd, "typeorm-migrate.config.json"),
                JSON.stringify({ binds: { default: { dataSource: "ds.js", ...(serverVersion ? { serverVersion } : {}) } } }),
            );
            return runCli(["generate", "-m", "x", "--dry-run"], { cwd });
        };
        const old = generate("10.6.0");
        expect(old.status, old.stderr).to.equal(0);
        expect(old.stdout).to.match(/" {4}`id` varchar\(36\) NOT NULL,"/);
        const current = generate();
        expect(current.status, current.stderr).to.equal(0);
        expect(current.stdout).to.match(/" {4}`id` uuid NOT NULL,"/);
    });
});
