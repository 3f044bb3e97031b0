import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogDataSourceFile, runCli, type CliRun } from "../support/run-cli";

/**
 * A password holding `@` once printed its tail (`postgres://postgres:***@MySecretTail99@...`). On a real
 * PostgreSQL database, with such a password in the bind's URL: no output of any command, verbose or
 * not, and no failure message shows any of it.
 */
describe("CLI: a password with @ in a connection URL never prints", () => {
    const tail = "MySecretTail99";
    let db: PostgresTestDatabase;
    let cwd: string;
    let secretUrl: string;
    const ds = blogDataSourceFile("v1");
    const output = (run: CliRun) => run.stdout + run.stderr;

    before(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-mask-"));
        const { host, port, username } = db.options;
        // Unescaped, as users paste it: WHATWG URL parsing (and pg) take the password up to the last @.
        secretUrl = `postgres://${username}:pw@${tail}@${host}:${port}/${db.name}`;
    });
    after(async () => {
        await db?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("generate, upgrade --verbose and upgrade --sql connect or print without the password", () => {
        const env = { BLOG_URL: secretUrl };
        for (const args of [
            ["generate", "-m", "init", "--verbose"],
            ["upgrade", "--verbose"],
            ["upgrade", "--sql", "--verbose"],
            ["current", "--verbose"],
        ]) {
            const run = runCli([...args, "-d", ds], { cwd, env });
            expect(run.status, output(run)).to.equal(0);
            expect(output(run), args.join(" ")).to.not.include(tail);
        }
    });

    it("a URL the tool refuses is quoted masked up to the host, in the message and the --verbose stack", () => {
        const { host, port, username } = db.options;
        const refused = [
            {
                url: `postgres://${username}:pw@${tail}@${host}:notaport/${db.name}`,
                shown: `"postgres://${username}:***@${host}:notaport/${db.name}" is not a connection URL`,
            },
            {
                url: `mysql://${username}:pw@${tail}@${host}:${port}/${db.name}`,
                shown: `"mysql://${username}:***@${host}:${port}/${db.name}" is not a postgres URL`,
            },
        ];
        for (const { url, shown } of refused) {
            const run = runCli(["current", "-d", ds, "--url", url, "--verbose"], { cwd, env: { BLOG_URL: secretUrl } });
            expect(run.status, run.stderr).to.equal(2);
            expect(run.stderr.split("\n")[0]).to.include(shown);
            expect(run.stderr).to.include("    at ");
            expect(output(run)).to.not.include(tail);
        }
    });
});
