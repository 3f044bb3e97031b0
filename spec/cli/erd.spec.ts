import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDbml, parseErDiagram } from "../unit/erd-diagram-parsers";
import { repoRoot, runCli } from "../support/run-cli";

/** The blog as a two-bind app (PostgreSQL blog, MySQL analytics) from its sample migrations; the data sources are never loaded. */
describe("CLI: erd", () => {
    let cwd: string;
    const cli = (...args: string[]) => runCli(args, { cwd });

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-erd-"));
        cpSync(join(repoRoot, "migrations-sample", "two-binds"), join(cwd, "migrations"), { recursive: true });
        writeFileSync(join(cwd, "typeorm-migrate.config.json"), JSON.stringify({ binds: { default: "./blog.js", analytics: "./analytics.js" } }));
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("draws each bind's head as a Mermaid erDiagram titled with the bind", async () => {
        const run = cli("erd");
        expect(run.status, run.stderr).to.equal(0);
        const diagrams = run.stdout.split(/\n(?=---\ntitle:)/);
        expect(diagrams.map((text) => /^title: (.*)$/m.exec(text)?.[1])).to.deep.equal(['"default"', '"analytics"']);
        const [blog, analytics] = await Promise.all(diagrams.map(parseErDiagram));
        expect([...blog.entities.keys()]).to.have.members(["comment", "post", "post_like", "user"]);
        expect(blog.relationships).to.have.length(5);
        expect(analytics.entities.size).to.equal(3);
        expect(diagrams[0]).to.include("%% at b10900000003 (Dropped tags and ratings)");
    });

    it("draws an older revision as DBML with what a revision changed marked", () => {
        const run = cli("erd", "b10900000002", "--bind", "default", "--format", "dbml", "--changed", "b10900000002");
        expect(run.status, run.stderr).to.equal(0);
        const database = parseDbml(run.stdout);
        const tables = database.schemas.flatMap((s) => s.tables);
        expect(tables.map((t) => t.name)).to.include.members(["tag", "post_tags_tag", "post_like"]);
        expect(tables.filter((t) => t.headerColor === "#2E7D32").map((t) => t.name)).to.have.members(["post_like"]);
        expect(database.notes.map((n) => n.name)).to.deep.equal(["changed by b10900000002"]);
    });

    it("--changed alone draws that revision, listing what it dropped", async () => {
        const run = cli("erd", "--bind", "default", "--changed", "b10900000003");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.include("%% dropped by b10900000003: table post_tags_tag, table tag, column post.rating");
        expect((await parseErDiagram(run.stdout)).entities.has("tag")).to.equal(false);
    });

    it("a bad revision, --changed base or a bind without revisions: one line, exit 2", () => {
        for (const args of [
            ["erd", "nope", "--bind", "default"],
            ["erd", "--changed", "base", "--bind", "default"],
            ["erd", "--dir", join(cwd, "empty")],
        ]) {
            const run = cli(...args);
            expect(run.status, args.join(" ")).to.equal(2);
            expect(run.stdout).to.equal("");
            expect(run.stderr.trim().split("\n"), run.stderr).to.have.length(1);
        }
    });

    it("--help names the formats and --changed", () => {
        const run = cli("erd", "--help");
        expect(run.status).to.equal(0);
        expect(run.stdout).to.include('choices: "mermaid", "dbml"').and.include("--changed");
    });

    it("the README's pictures are what the commands it names print", () => {
        const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
        for (const command of ["erd", "history --format mermaid"]) {
            const run = runCli([...command.split(" "), "--dir", "migrations-sample/two-binds"], { cwd: repoRoot });
            expect(run.status, run.stderr).to.equal(0);
            expect(readme, command).to.include(`\`npx typeorm-migrate ${command} --dir migrations-sample/two-binds\``);
            expect(readme, command).to.include(`\`\`\`mermaid\n${run.stdout}\`\`\``);
        }
    });
});
