import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, runCli } from "../support/run-cli";

// `generate --online` and a bind's `online: true` reach the emitters; elsewhere than PostgreSQL
// they change nothing. spec/e2e/online-postgres.spec.ts runs such a migration on a server.

describe("CLI: generate --online and online: true on a bind", () => {
    let cwd: string;
    // Offline: generate reads the entities only, the URL just makes the fixture a PostgreSQL one.
    const postgres = { BLOG_URL: "postgres://postgres@127.0.0.1:5432/tm_never_connected" };
    const pinned = ["-m", "two", "--rev-id", "two00002", "--timestamp", "1764000001000", "--dry-run"];

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-online-cli-"));
        const init = runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "init", "--timestamp", "1764000000000"], { cwd, env: postgres });
        expect(init.status, init.stderr).to.equal(0);
    });
    after(() => {
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("--online writes the indexes of existing tables CONCURRENTLY, the migration without a transaction", () => {
        const online = runCli(["generate", "-d", blogDataSourceFile("v2"), ...pinned, "--online"], { cwd, env: postgres });
        expect(online.status, online.stderr).to.equal(0);
        expect(online.stdout).to.include("transaction = false");
        expect(online.stdout).to.match(/CREATE UNIQUE INDEX CONCURRENTLY "IDX_\w+" ON "public"."post" \("slug"\)/);
        const plain = runCli(["generate", "-d", blogDataSourceFile("v2"), ...pinned], { cwd, env: postgres });
        expect(plain.status, plain.stderr).to.equal(0);
        // (The lock report in the header may name the online forms; the statements must not.)
        expect(plain.stdout).to.not.match(/queryRunner\.query\(`[^`]*CONCURRENTLY/);
        expect(plain.stdout).to.not.include("transaction = false");
    });

    it("online: true in the config does the same; a value that is not a boolean is refused", () => {
        const config = join(cwd, "typeorm-migrate.config.json");
        const withOnline = (online: unknown) =>
            writeFileSync(config, JSON.stringify({ migrationsDir: "migrations", binds: { default: { dataSource: blogDataSourceFile("v2"), online } } }));
        try {
            withOnline(true);
            const run = runCli(["generate", ...pinned], { cwd, env: postgres });
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stdout).to.match(/queryRunner\.query\(`CREATE UNIQUE INDEX CONCURRENTLY/);
            withOnline("yes");
            const refused = runCli(["generate", ...pinned], { cwd, env: postgres });
            expect(refused.status).to.equal(2);
            expect(refused.stderr).to.include('bind "default": `online` must be true or false');
        } finally {
            rmSync(config, { force: true });
        }
    });

    it("changes nothing on SQLite", () => {
        const sqlite = mkdtempSync(join(tmpdir(), "tm-online-sqlite-"));
        try {
            const env = { BLOG_DB: join(sqlite, "blog.sqlite") };
            expect(runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "init", "--timestamp", "1764000000000"], { cwd: sqlite, env }).status).to.equal(0);
            const online = runCli(["generate", "-d", blogDataSourceFile("v2"), ...pinned, "--online"], { cwd: sqlite, env });
            const plain = runCli(["generate", "-d", blogDataSourceFile("v2"), ...pinned], { cwd: sqlite, env });
            expect(online.status, online.stderr).to.equal(0);
            expect(online.stdout).to.equal(plain.stdout);
        } finally {
            rmSync(sqlite, { recursive: true, force: true });
        }
    });
});
