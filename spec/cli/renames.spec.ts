import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distRoot, runCli } from "../support/run-cli";
import { runCliInTerminal } from "../support/terminal";

const fixture = (version: "v1" | "v2") => join(distRoot, "fixtures", "renames", `data-source-${version}.js`);

describe("CLI: renames", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const migrations = () =>
        readdirSync(join(cwd, "migrations", "default"))
            .filter((f) => f.endsWith(".ts"))
            .sort();
    const newest = () => readFileSync(join(cwd, "migrations", "default", migrations().at(-1) as string), "utf8");

    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-renames-cli-"));
        env = { BLOG_DB: join(cwd, "db.sqlite") };
        expect(cli("generate", "-d", fixture("v1"), "-m", "first").status).to.equal(0);
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("without a terminal, stops with exit 2, writes nothing, and prints the exact flags; the flags then work", () => {
        const first = cli("generate", "-d", fixture("v2"), "-m", "renamed");
        expect(first.status).to.equal(2);
        expect(first.stderr).to.include("table author was dropped and writer added:\n      --rename-table author=writer");
        expect(first.stderr).to.include("column book.title was dropped and headline added:\n      --rename book.title=headline");
        expect(first.stderr).to.match(/typeorm-migrate: error: 2 possible rename\(s\) need a decision/);
        expect(migrations()).to.have.length(1);

        const second = cli("generate", "-d", fixture("v2"), "-m", "renamed", "--rename-table", "author=writer", "--rename", "book.title=headline");
        expect(second.status).to.equal(2);
        expect(second.stderr).to.include("--rename writer.name=fullName");

        const third = cli(
            "generate",
            "-d",
            fixture("v2"),
            "-m",
            "renamed",
            "--rename-table",
            "author=writer",
            "--rename",
            "book.title=headline",
            "--rename",
            "writer.name=fullName",
        );
        expect(third.status, third.stderr).to.equal(0);
        expect(newest()).to.include(`ALTER TABLE "author" RENAME TO "writer"`);
        expect(newest()).to.include(`ALTER TABLE "writer" RENAME COLUMN "name" TO "fullName"`);
    });

    it("--no-renames accepts drop + add, flagged destructive", () => {
        const run = cli("generate", "-d", fixture("v2"), "-m", "replaced", "--no-renames", "--backfill", "book.headline=''");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/^! dropTable: table author/m);
        expect(newest()).to.include(`DROP TABLE "author"`);
        expect(newest()).to.include("DESTRUCTIVE");
    });

    it("a hint that names no such column is bad input", () => {
        const run = cli("generate", "-d", fixture("v2"), "-m", "x", "--rename-table", "author=writer", "--rename", "book.nope=headline", "--no-renames");
        expect(run.status).to.equal(2);
        expect(run.stderr).to.match(/cannot rename column book\.nope: it is not in the previous schema/);
    });

    it("in a terminal, proposes the single candidate for each and renames", async () => {
        const { status, output, answered } = await runCliInTerminal(["generate", "-d", fixture("v2"), "-m", "asked"], { cwd, env, prompt: "Choice [1]:" });
        expect(status, output).to.equal(0);
        expect(answered).to.equal(3);
        expect(output).to.match(/table author was dropped and writer added\. Was it renamed\?/);
        expect(newest()).to.include(`RENAME TO "writer"`);
        expect(newest()).to.include(`RENAME COLUMN "title" TO "headline"`);
        expect(newest()).to.include(`RENAME COLUMN "name" TO "fullName"`);
    });

    it("--fail-on destructive exits 1 and writes nothing when a change drops data", () => {
        const run = cli("generate", "-d", fixture("v2"), "-m", "x", "--no-renames", "--backfill", "book.headline=''", "--fail-on", "destructive");
        expect(run.status).to.equal(1);
        expect(run.stdout).to.include("Not written: --fail-on destructive");
        expect(migrations()).to.have.length(1);
        const safe = cli(
            "generate",
            "-d",
            fixture("v2"),
            "-m",
            "x",
            "--rename-table",
            "author=writer",
            "--rename",
            "book.title=headline",
            "--rename",
            "writer.name=fullName",
            "--fail-on",
            "destructive",
        );
        expect(safe.status, safe.stdout + safe.stderr).to.equal(0);
    });
});
