import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { entities } from "../../fixtures/drift/entities";
import { distRoot, runCli } from "../support/run-cli";

/**
 * A view entity whose query starts with a newline: SQLite keeps a view's statement as it was sent,
 * so our migration must send what synchronize() sends (`AS \n  SELECT ...`, not trimmed), and
 * `check` must not see the white space as a change of the view (issue 16).
 */
describe("a view's query as written, on SQLite", () => {
    let cwd: string;
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-view-text-"));
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));
    const viewSql = (file: string) => {
        const db = new Database(file, { readonly: true });
        try {
            return (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'view'").all() as { sql: string }[]).map((row) => row.sql);
        } finally {
            db.close();
        }
    };

    it("is stored as synchronize() stores it, and check and check --db find nothing", async () => {
        const synchronized = join(cwd, "synchronized.sqlite");
        const dataSource = buildBlogDataSource(entities, { type: "better-sqlite3", database: synchronized });
        await dataSource.initialize();
        await dataSource.synchronize();
        await dataSource.destroy();

        const env = { BLOG_DB: join(cwd, "migrated.sqlite") };
        const cli = (...args: string[]) => runCli([...args, "-d", join(distRoot, "fixtures", "drift", "data-source.js")], { cwd, env });
        expect(cli("generate", "-m", "init").status).to.equal(0);
        expect(cli("upgrade").status).to.equal(0);
        const expected = viewSql(synchronized);
        expect(expected.some((sql) => sql.includes("AS \n  SELECT"))).to.equal(true);
        expect(viewSql(env.BLOG_DB)).to.deep.equal(expected);
        expect(cli("check").stdout).to.include("No changes in schema detected.");
        const drift = cli("check", "--db");
        expect(drift.stdout, drift.stderr).to.include("No drift");
    });
});
