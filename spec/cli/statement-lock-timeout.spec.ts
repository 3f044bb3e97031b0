import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogDataSourceFile, runCli } from "../support/run-cli";

// `upgrade --statement-lock-timeout <ms> --statement-lock-retries <n>` reach the runner: an online
// migration whose statement on "post" cannot take its lock fails naming lock_timeout and the tries, and
// `--resume` completes it once the lock is free. spec/e2e/lock-timeout.spec.ts covers the runner.

describe("CLI: upgrade --statement-lock-timeout and --statement-lock-retries", () => {
    let cwd: string;
    let db: PostgresTestDatabase;
    let env: Record<string, string>;

    before(async () => {
        db = await createPostgresDatabase();
        env = { BLOG_URL: db.url };
        cwd = mkdtempSync(join(tmpdir(), "tm-statement-lock-cli-"));
        const init = runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "init", "--timestamp", "1764000000000"], { cwd, env });
        expect(init.status, init.stderr).to.equal(0);
        const up = runCli(["upgrade", "-d", blogDataSourceFile("v1")], { cwd, env });
        expect(up.status, up.stderr).to.equal(0);
        const online = runCli(["generate", "-d", blogDataSourceFile("v2"), "-m", "two", "--timestamp", "1764000001000", "--online"], { cwd, env });
        expect(online.status, online.stderr).to.equal(0);
    });
    after(async () => {
        if (cwd) rmSync(cwd, { recursive: true, force: true });
        await db?.drop();
    });

    it("refuses retries without a timeout, and a timeout that is not a positive number", () => {
        const retries = runCli(["upgrade", "-d", blogDataSourceFile("v2"), "--statement-lock-retries", "2"], { cwd, env });
        expect(retries.status).to.equal(2);
        expect(retries.stderr).to.include("--statement-lock-retries needs --statement-lock-timeout");
        const negative = runCli(["upgrade", "-d", blogDataSourceFile("v2"), "--statement-lock-timeout", "-5"], { cwd, env });
        expect(negative.status).to.equal(2);
        expect(negative.stderr).to.include("--statement-lock-timeout -5: give a number of milliseconds, 1 or more");
    });

    it("a statement that cannot take its lock fails after the tries; --resume completes once the lock is free", async () => {
        const blocker = new Client({ connectionString: db.url });
        await blocker.connect();
        let run;
        try {
            // SHARE ROW EXCLUSIVE on "post": the migration's ALTER TABLE "post" (ACCESS EXCLUSIVE) waits for it.
            await blocker.query("BEGIN");
            await blocker.query(`LOCK TABLE "post" IN SHARE ROW EXCLUSIVE MODE`);
            run = runCli(["upgrade", "-d", blogDataSourceFile("v2"), "--statement-lock-timeout", "100", "--statement-lock-retries", "1"], { cwd, env });
        } finally {
            await blocker.end();
        }
        expect(run.status, run.stdout).to.not.equal(0);
        expect(run.stderr).to.match(/failed at ALTER TABLE "public"\."post" .* timed out waiting for a lock on every try \(lock_timeout 100 ms, 2 tries\)/);
        expect(run.stderr).to.include("the bind is marked dirty: rerun with --resume once the lock is free");
        expect(run.stderr).to.include("the bind is marked dirty");
        const resumed = runCli(["upgrade", "-d", blogDataSourceFile("v2"), "--resume", "--statement-lock-timeout", "100"], { cwd, env });
        expect(resumed.status, resumed.stdout + resumed.stderr).to.equal(0);
        const check = runCli(["check", "-d", blogDataSourceFile("v2")], { cwd, env });
        expect(check.status, check.stdout + check.stderr).to.equal(0);
    });
});
