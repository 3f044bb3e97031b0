import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { dataCheckSpecs } from "../../lib/diff/data-checks";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import { readSchema } from "../../lib/entities/read-schema";
import { emptySchema } from "../../lib/schema/model";
import { blogDataSourceFile, runCli } from "../support/run-cli";

/** A new table holds no rows: a foreign key added with it cannot find an orphan. */
describe("foreign keys of a table the migration creates are safe", () => {
    let cwd: string;
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-new-fk-"));
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("an initial migration flags none of them, in its header or in generate's output", () => {
        const run = runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "Initial migration."], { cwd, env: { BLOG_DB: join(cwd, "blog.sqlite") } });
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout)
            .to.match(/^ {2}addForeignKey: foreign key FK_\w+ on comment \(postId\) → post is new$/m)
            .and.not.match(/^\s*[?!]/m);
        const dir = join(cwd, "migrations", "default");
        const text = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".ts")) as string), "utf8");
        expect(text).not.to.include("DATA-DEPENDENT").and.not.to.include("Review before running");
    });

    it("a foreign key added to a table that already exists stays data-dependent and checked for orphans; a down that re-creates a table re-adds its keys safely", async () => {
        const full = await readSchema(blogV1({ type: "postgres" }));
        const empty = emptySchema(full.dialect, full.defaultSchema, full.typeormVersion);
        const created = diff(empty, full).filter((op) => op.kind === "addForeignKey");
        expect(created).to.have.length(5);
        expect(created.map((op) => op.risk)).to.deep.equal(Array(5).fill("safe"));
        expect(dataCheckSpecs(empty, diff(empty, full))).to.deep.equal([]);
        const withoutKey = { ...full, foreignKeys: full.foreignKeys.filter((fk) => !(fk.table === "comment" && fk.columns[0] === "postId")) };
        const added = diff(withoutKey, full);
        expect(added.map((op) => [op.kind, op.risk])).to.deep.equal([["addForeignKey", "data-dependent"]]);
        expect(dataCheckSpecs(withoutKey, added).map((check) => check.kind)).to.deep.equal(["orphans"]);
        const downOfDrop = invertOps(diff(full, empty)).filter((op) => op.kind === "addForeignKey");
        expect(downOfDrop.map((op) => op.risk)).to.deep.equal(Array(5).fill("safe"));
    });
});
