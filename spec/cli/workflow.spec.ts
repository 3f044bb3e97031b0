import { expect } from "chai";
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, repoRoot, runCli } from "../support/run-cli";

describe("CLI: the Flask-Migrate workflow on SQLite", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const versionsDir = () => join(cwd, "migrations", "default");
    const migrationFiles = () =>
        readdirSync(versionsDir())
            .filter((f) => f.endsWith(".ts"))
            .sort();

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-cli-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite") };
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("init creates migrations/default and refuses to run twice (exit 2)", () => {
        expect(cli("init").status).to.equal(0);
        expect(existsSync(versionsDir())).to.equal(true);
        const again = cli("init");
        expect(again.status).to.equal(2);
        expect(again.stderr).to.match(/already exists/);
    });

    it("generate --dry-run prints the migration and writes nothing", () => {
        const run = cli("generate", "-d", blogDataSourceFile("v1"), "-m", "Initial migration.", "--dry-run");
        expect(run.status).to.equal(0);
        expect(run.stdout).to.match(/export class InitialMigration\d{13} implements MigrationInterface/);
        expect(run.stdout).to.include("CREATE TABLE");
        expect(readdirSync(versionsDir())).to.deep.equal([]);
    });

    it("generate writes the migration and its schema delta; a second generate says there is nothing to do", () => {
        const first = cli("generate", "-d", blogDataSourceFile("v1"), "-m", "Initial migration.");
        expect(first.status, first.stderr).to.equal(0);
        expect(first.stdout).to.match(/Generated migrations\/default\/\d{13}-initial-migration\.ts/);
        expect(migrationFiles()).to.have.length(1);
        expect(existsSync(join(versionsDir(), migrationFiles()[0].replace(/\.ts$/, ".json")))).to.equal(true);
        const second = cli("generate", "-d", blogDataSourceFile("v1"), "-m", "again");
        expect(second.status).to.equal(0);
        expect(second.stdout.trim()).to.equal("No changes in schema detected.");
        expect(migrationFiles()).to.have.length(1);
    });

    it("check exits 0 when the entities match the head and 1 when they do not, without a database", () => {
        expect(cli("check", "-d", blogDataSourceFile("v1")).status).to.equal(0);
        const changed = cli("check", "-d", blogDataSourceFile("v2"));
        expect(changed.status).to.equal(1);
        expect(changed.stdout).to.match(/addColumn/);
        const verbose = cli("check", "-d", blogDataSourceFile("v2"), "--verbose");
        expect(verbose.status).to.equal(1);
        expect(verbose.stdout).to.match(/^\+ +\{"schema":"","table":"user","name":"bio",/m);
        expect(existsSync(env.BLOG_DB)).to.equal(false);
    });

    it("upgrade applies, current and history agree, downgrade reverts one step", () => {
        const up = cli("upgrade", "-d", blogDataSourceFile("v1"));
        expect(up.status, up.stderr).to.equal(0);
        expect(up.stdout).to.match(/Applying \w+ InitialMigration\d{13} \.\.\. ok/);
        expect(cli("generate", "-d", blogDataSourceFile("v2"), "-m", "Added new fields").status).to.equal(0);
        expect(cli("upgrade", "-d", blogDataSourceFile("v2")).status).to.equal(0);

        const [first, second] = migrationFiles().map((f) => /Revision: (\w+)/.exec(readFileSync(join(versionsDir(), f), "utf8"))?.[1]);
        expect(cli("current", "-d", blogDataSourceFile("v2")).stdout).to.include(`${second} (head), Added new fields`);
        expect(cli("history").stdout.trim().split("\n")).to.deep.equal([
            `${first} -> ${second} (head), Added new fields`,
            `<base> -> ${first}, Initial migration.`,
        ]);
        const down = cli("downgrade", "-d", blogDataSourceFile("v2"));
        expect(down.status, down.stderr).to.equal(0);
        expect(down.stdout).to.match(/Reverting \w+ AddedNewFields\d{13} \.\.\. ok/);
        expect(cli("current", "-d", blogDataSourceFile("v1")).stdout).to.include(`${first}, Initial migration.`);
        expect(cli("check", "-d", blogDataSourceFile("v2")).status).to.equal(0);
    });

    it("downgrade base reverts everything; a second downgrade has nothing to do", () => {
        expect(cli("downgrade", "base", "-d", blogDataSourceFile("v1")).status).to.equal(0);
        expect(cli("current", "-d", blogDataSourceFile("v1")).stdout).to.include("<base>");
        const again = cli("downgrade", "-d", blogDataSourceFile("v1"));
        expect(again.status).to.equal(0);
        expect(again.stdout).to.match(/Nothing to downgrade/);
    });
});

describe("CLI: bad input is one line and exit 2", () => {
    let cwd: string;
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-cli-"));
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    const cases: [string, string[], RegExp][] = [
        ["an unknown command", ["frobnicate"], /Unknown argument|Did you mean|unknown/i],
        ["generate without a data source", ["generate", "-m", "x"], /no data source: pass -d/],
        ["a data source file that does not exist", ["check", "-d", "nope.ts"], /data source file not found: nope\.ts/],
        ["an unknown revision", ["upgrade", "zzzz", "-d", blogDataSourceFile("v1")], /unknown revision "zzzz"/],
        ["a timestamp that is not 13 digits", ["generate", "-d", blogDataSourceFile("v1"), "-m", "x", "--timestamp", "12"], /13-digit/],
    ];
    for (const [what, args, message] of cases) {
        it(`${what}`, () => {
            const run = runCli(args, { cwd, env: { BLOG_DB: join(cwd, "x.sqlite") } });
            expect(run.status, run.stdout + run.stderr).to.equal(2);
            expect(run.stderr).to.match(message);
            expect(run.stderr).not.to.match(/\n\s+at /);
        });
    }
});

describe("CLI: --help", () => {
    it("lists every command with exit codes and loads neither TypeORM nor the TypeScript compiler", () => {
        const cwd = mkdtempSync(join(tmpdir(), "tm-help-"));
        try {
            const trace = join(cwd, "requires.txt");
            const run = runCli(["--help"], {
                cwd,
                env: { TRACE_REQUIRES_FILE: trace },
                nodeArgs: ["-r", join(__dirname, "..", "support", "trace-requires.js")],
            });
            expect(run.status).to.equal(0);
            for (const command of ["init", "generate", "upgrade", "downgrade", "current", "history", "check"]) {
                expect(run.stdout).to.match(new RegExp(`typeorm-migrate ${command}`));
            }
            expect(run.stdout).to.include("Exit codes");
            const loaded = readFileSync(trace, "utf8").split("\n");
            expect(loaded).to.include("yargs");
            expect(loaded.filter((m) => /^(typescript|ts-node|typeorm)$/.test(m))).to.deep.equal([]);
        } finally {
            rmSync(cwd, { recursive: true, force: true });
        }
    });
});

describe("CLI: branches and failures", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-cli-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite") };
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("two revisions from the same parent stop generate and upgrade with exit 2, naming both heads", () => {
        expect(cli("generate", "-d", blogDataSourceFile("v1"), "-m", "base", "--rev-id", "aaaa0001").status).to.equal(0);
        expect(cli("generate", "-d", blogDataSourceFile("v2"), "-m", "one", "--rev-id", "bbbb0001").status).to.equal(0);
        // A teammate's branch: the same change generated from the same parent, under another id and timestamp.
        const dir = join(cwd, "migrations", "default");
        const mine = readdirSync(dir).find((f) => f.endsWith("-one.ts")) as string;
        const stamp = mine.slice(0, 13);
        const theirs = String(Number(stamp) + 1);
        for (const ext of [".ts", ".json"]) {
            const text = readFileSync(join(dir, mine.replace(".ts", ext)), "utf8")
                .replaceAll("bbbb0001", "cccc0001")
                .replaceAll(stamp, theirs);
            writeFileSync(join(dir, `${theirs}-theirs${ext}`), text);
        }
        for (const args of [
            ["generate", "-d", blogDataSourceFile("v2"), "-m", "x"],
            ["upgrade", "-d", blogDataSourceFile("v2")],
        ]) {
            const run = cli(...args);
            expect(run.status, run.stdout + run.stderr).to.equal(2);
            expect(run.stderr).to.match(/multiple heads: bbbb0001, cccc0001/);
        }
        expect(cli("upgrade", "aaaa", "-d", blogDataSourceFile("v2")).status).to.equal(0);
    });

    it("--exclude leaves a table out of generate and check", () => {
        rmSync(join(cwd, "migrations"), { recursive: true, force: true });
        const run = cli("generate", "-d", blogDataSourceFile("v1"), "-m", "without tags", "--exclude", "tag", "--dry-run");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).not.to.include(`CREATE TABLE "tag"`);
        expect(run.stdout).to.include(`CREATE TABLE "post_tags_tag"`);
        expect(cli("generate", "-d", blogDataSourceFile("v1"), "-m", "without tags", "--exclude", "tag").status).to.equal(0);
        expect(cli("check", "-d", blogDataSourceFile("v1"), "--exclude", "tag").status).to.equal(0);
        expect(cli("check", "-d", blogDataSourceFile("v1")).status).to.equal(1);
    });

    it("an unreachable database is exit 3 with one line", () => {
        const dataSource = join(cwd, "unreachable.js");
        const typeorm = JSON.stringify(join(repoRoot, "node_modules", "typeorm"));
        writeFileSync(
            dataSource,
            `const { DataSource } = require(${typeorm});\nmodule.exports = new DataSource({ type: "postgres", host: "127.0.0.1", port: 1, username: "x", database: "x", connectTimeoutMS: 2000 });\n`,
        );
        const run = cli("current", "-d", dataSource);
        expect(run.status, run.stderr).to.equal(3);
        expect(run.stderr).to.match(/^typeorm-migrate: error: cannot connect to the database: /);
        expect(run.stderr.trim().split("\n")).to.have.length(1);
    });

    it("a failing migration is exit 3, names the revision, is rolled back and is not recorded", () => {
        const dir = join(cwd, "migrations", "default");
        rmSync(join(cwd, "migrations"), { recursive: true, force: true });
        rmSync(env.BLOG_DB, { force: true });
        expect(cli("generate", "-d", blogDataSourceFile("v1"), "-m", "base", "--rev-id", "dddd0001").status).to.equal(0);
        const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".ts")) as string);
        writeFileSync(
            file,
            readFileSync(file, "utf8").replace(
                "public async up(queryRunner: QueryRunner): Promise<void> {",
                'public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(`CREATE TABLE "half" ("id" integer)`);\n        await queryRunner.query(`THIS IS NOT SQL`);',
            ),
        );
        const run = cli("upgrade", "-d", blogDataSourceFile("v1"));
        expect(run.status).to.equal(3);
        expect(run.stderr).to.match(/migration dddd0001 \(Base\d{13}\) failed/);
        expect(cli("current", "-d", blogDataSourceFile("v1")).stdout).to.include("<base>");
        const db = new Database(env.BLOG_DB, { readonly: true });
        try {
            expect(
                db.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND "name" <> 'migrations' AND "name" NOT LIKE 'sqlite_%'`).all(),
            ).to.deep.equal([]);
        } finally {
            db.close();
        }
    });
});
