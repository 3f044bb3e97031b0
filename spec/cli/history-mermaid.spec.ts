import { expect } from "chai";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFlowchart } from "../unit/erd-diagram-parsers";
import { blogDataSourceFile, repoRoot, runCli } from "../support/run-cli";

/**
 * The SQLite blog's sample history with a second branch off b10900000002 (a copy of its last
 * revision under another id) and the merge `merge` writes: a branch point and a merge to draw.
 */
describe("CLI: history --format mermaid", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const ds = ["-d", blogDataSourceFile("v3")];

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-history-mermaid-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite") };
        const dir = join(cwd, "migrations", "default");
        cpSync(join(repoRoot, "migrations-sample", "sqlite", "default"), dir, { recursive: true });
        for (const ext of ["ts", "json"]) {
            const text = readFileSync(join(dir, `1764000120000-dropped-tags-and-ratings.${ext}`), "utf8");
            writeFileSync(join(dir, `1764000180000-branch.${ext}`), text.replace(/b10900000003/g, "b1090000000b").replace(/1764000120000/g, "1764000180000"));
        }
        const merge = cli("merge", "-m", "Join the branches", "--rev-id", "e3e300000001");
        expect(merge.status, merge.stderr).to.equal(0);
        expect(readdirSync(dir).filter((f) => f.endsWith(".ts"))).to.have.length(5);
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("draws the branch point and the merge; --graph's text output stays", async () => {
        const run = cli("history", "--format", "mermaid");
        expect(run.status, run.stderr).to.equal(0);
        const { vertices, edges } = await parseFlowchart(run.stdout);
        const labels = new Map([...vertices].map(([id, v]) => [id, v.text.split("<br/>")[0]]));
        expect([...labels.values()]).to.have.members([
            "base",
            "b10900000001",
            "b10900000002 (branchpoint)",
            "b10900000003",
            "b1090000000b",
            "e3e300000001 (head, mergepoint)",
        ]);
        const merge = [...vertices].find(([, v]) => v.text.startsWith("e3e300000001"));
        expect(merge?.[1].type).to.equal("hexagon");
        expect(edges.filter(([, to]) => to === merge?.[0]).map(([from]) => labels.get(from))).to.have.members(["b10900000003", "b1090000000b"]);
        expect(cli("history", "--graph").stdout).to.match(/^\* {2}b10900000003, b1090000000b -> e3e300000001 \(head, mergepoint\)/);
    });

    it("-i marks where the database is; -r draws a range; --json with it is refused", async () => {
        expect(cli("upgrade", "b10900000003", ...ds).status).to.equal(0);
        const current = await parseFlowchart(cli("history", "--format", "mermaid", "-i", ...ds).stdout);
        expect([...current.vertices.values()].filter((v) => v.classes.includes("current")).map((v) => v.text.split("<br/>")[0])).to.deep.equal([
            "b10900000003",
        ]);
        const range = await parseFlowchart(cli("history", "--format", "mermaid", "-r", "b10900000003:").stdout);
        expect([...range.vertices.values()].map((v) => [v.text.split("<br/>")[0], v.classes])).to.have.deep.members([
            ["b10900000003", []],
            ["e3e300000001 (head, mergepoint)", ["head"]],
            ["b10900000002", ["outside"]],
            ["b1090000000b", ["outside"]],
        ]);
        const both = cli("history", "--format", "mermaid", "--json");
        expect(both.status).to.equal(2);
        expect(both.stderr.trim().split("\n")).to.have.length(1);
    });
});
