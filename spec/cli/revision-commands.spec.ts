import { expect } from "chai";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, runCli } from "../support/run-cli";

describe("CLI: revision, show, edit, history ranges, list-templates", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const ds = (version: "v1" | "v2") => ["-d", blogDataSourceFile(version)];
    const files = () =>
        readdirSync(join(cwd, "migrations", "default"))
            .filter((f) => f.endsWith(".ts"))
            .sort();

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-revcmd-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite"), EDITOR: "", VISUAL: "" };
        expect(cli("generate", ...ds("v1"), "-m", "Initial migration.", "--rev-id", "rev00001").status).to.equal(0);
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("revision writes an empty migration on the head to fill in; it runs and changes no snapshot", () => {
        const run = cli("revision", ...ds("v1"), "-m", "Backfill slugs", "--rev-id", "rev00002");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/Generated migrations\/default\/\d{13}-backfill-slugs\.ts \(revision rev00002\): write its up and down/);
        const text = readFileSync(join(cwd, "migrations", "default", files()[1]), "utf8");
        expect(text)
            .to.include(" * Parents: rev00001")
            .and.include("// Write this migration by hand")
            .and.not.match(/^\s+await queryRunner/m);
        expect(cli("check", ...ds("v1")).status).to.equal(0);
        const up = cli("upgrade", ...ds("v1"));
        expect(up.status, up.stderr).to.equal(0);
        expect(up.stdout.match(/^Applying /gm)).to.have.length(2);
    });

    it("show prints a revision's parents, children, file and changes", () => {
        const run = cli("show", "rev00001");
        expect(run.status, run.stderr).to.equal(0);
        const lines = run.stdout.split("\n");
        expect(lines.slice(0, 4)).to.deep.equal(["Revision: rev00001", "Parents: <base>", "Children: rev00002", "Message: Initial migration."]);
        expect(run.stdout).to.match(/Schema changes \(from <base>\):\n {2}createTable: table user is new/);
        expect(cli("show").stdout).to.match(/^Revision: rev00002 \(head\)\n[\s\S]*Schema changes: none/);
        expect(cli("show", "nope").status).to.equal(2);
    });

    it("history -r shows a range; --indicate-current marks where the database is", () => {
        expect(cli("generate", ...ds("v2"), "-m", "Added new fields", "--rev-id", "rev00003").status).to.equal(0);
        expect(cli("history", "-r", "rev00002:").stdout.trim().split("\n")).to.deep.equal([
            "rev00002 -> rev00003 (head), Added new fields",
            "rev00001 -> rev00002, Backfill slugs",
        ]);
        expect(cli("history", "-r", ":rev00001").stdout.trim()).to.equal("<base> -> rev00001, Initial migration.");
        const current = cli("history", "-i", ...ds("v2"));
        expect(current.stdout).to.include("rev00001 -> rev00002 (current), Backfill slugs");
        expect(
            cli("history", "-r", "current:", ...ds("v2"))
                .stdout.trim()
                .split("\n"),
        ).to.have.length(2);
        const bad = cli("history", "-r", "rev00003:rev00001");
        expect(bad.status).to.equal(2);
        expect(bad.stderr).to.match(/rev00003 is not an ancestor of rev00001/);
    });

    it("upgrade +1 / downgrade -1 step relative to the database", () => {
        const up = cli("upgrade", "+1", ...ds("v2"));
        expect(up.status, up.stderr).to.equal(0);
        expect(up.stdout).to.match(/^Applying rev00003 /m);
        const down = cli("downgrade", "-2", ...ds("v2"));
        expect(down.status, down.stderr).to.equal(0);
        expect(down.stdout.match(/^Reverting (\w+)/gm)).to.deep.equal(["Reverting rev00003", "Reverting rev00002"]);
        const tooFar = cli("downgrade", "-5", ...ds("v2"));
        expect(tooFar.status).to.equal(2);
        expect(tooFar.stderr).to.match(/only 1 step\(s\) below rev00001/);
    });

    it("edit opens the head in $EDITOR, and without one says how to set it", () => {
        const none = cli("edit");
        expect(none.status).to.equal(2);
        expect(none.stderr).to.match(/set \$EDITOR/);
        const editor = `${JSON.stringify(process.execPath)} -e "require('fs').appendFileSync(process.argv[1], '// edited by the editor\\n')"`;
        const run = runCli(["edit", "rev00001"], { cwd, env: { ...env, EDITOR: editor } });
        expect(run.status, run.stderr).to.equal(0);
        expect(readFileSync(join(cwd, "migrations", "default", files()[0]), "utf8")).to.match(/\/\/ edited by the editor\n$/);
    });

    it("list-templates names the layouts init --template writes", () => {
        const run = cli("list-templates");
        expect(run.stdout)
            .to.match(/^ {2}generic +one database/m)
            .and.match(/^ {2}multidb +several databases/m);
        const elsewhere = mkdtempSync(join(tmpdir(), "tm-template-"));
        try {
            expect(runCli(["init", "--template", "multidb"], { cwd: elsewhere }).status).to.equal(0);
            expect(existsSync(join(elsewhere, "typeorm-migrate.config.ts"))).to.equal(true);
            expect(runCli(["init", "--template", "fancy"], { cwd: elsewhere }).status).to.equal(2);
        } finally {
            rmSync(elsewhere, { recursive: true, force: true });
        }
    });
});
