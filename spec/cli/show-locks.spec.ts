import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, distRoot, runCli } from "../support/run-cli";

// `show` prints each op's lock as `generate` did when it wrote the revision: the forms it was
// written in (`--online`, or a bind's `online: true`) are recorded in the delta's `online` field.

const lockLines = (stdout: string) => stdout.split("\n").filter((line) => /^ {6}(lock|instead): /.test(line));

describe("CLI: show reports each op's lock, in the forms the revision was written in", () => {
    // Offline: generate and show read files only, the URL just makes the fixture a PostgreSQL one.
    const postgres = { BLOG_URL: "postgres://postgres@127.0.0.1:5432/tm_never_connected" };
    const dirs: string[] = [];
    const folder = (env: Record<string, string>, ...v2Args: string[]) => {
        const cwd = mkdtempSync(join(tmpdir(), "tm-show-locks-"));
        dirs.push(cwd);
        const init = runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "init", "--timestamp", "1764000000000"], { cwd, env });
        expect(init.status, init.stderr).to.equal(0);
        const two = runCli(["generate", "-d", blogDataSourceFile("v2"), "-m", "two", "--timestamp", "1764000001000", ...v2Args], { cwd, env });
        expect(two.status, two.stderr).to.equal(0);
        return { cwd, generated: two.stdout };
    };
    const show = (cwd: string, env: Record<string, string>, ...args: string[]) => {
        const run = runCli(["show", "-d", blogDataSourceFile("v2"), ...args], { cwd, env });
        expect(run.status, run.stderr).to.equal(0);
        return run.stdout;
    };
    const deltaOf = (cwd: string) => {
        const dir = join(cwd, "migrations", "default");
        const file = readdirSync(dir).find((name) => name.endsWith("-two.json"));
        if (file === undefined) throw new Error(`no delta in ${dir}`);
        return join(dir, file);
    };

    after(() => {
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it("PostgreSQL: the default revision shows the blocking index build, the --online one its CONCURRENTLY build, each as generate printed it", () => {
        const plain = folder(postgres);
        const online = folder(postgres, "--online");
        const plainShown = show(plain.cwd, postgres);
        const onlineShown = show(online.cwd, postgres);

        expect(lockLines(plainShown)).to.have.length.greaterThan(0);
        expect(lockLines(plainShown)).to.deep.equal(lockLines(plain.generated));
        expect(lockLines(onlineShown)).to.deep.equal(lockLines(online.generated));
        expect(lockLines(plainShown)).to.not.deep.equal(lockLines(onlineShown));

        expect(plainShown).to.include("      lock: SHARE; scans the table; BLOCKS WRITES\n      instead: generate --online: CREATE INDEX CONCURRENTLY");
        expect(plainShown).to.match(/\d+ change\(s\) BLOCK WRITES to their table/);
        expect(plainShown).to.not.include("Written with --online");
        expect(onlineShown).to.include("Written with --online: the lock-friendly forms\n");
        expect(onlineShown).to.include("      lock: SHARE UPDATE EXCLUSIVE (CONCURRENTLY); scans the table\n");
        expect(onlineShown).to.not.include("BLOCKS WRITES");

        expect(JSON.parse(readFileSync(deltaOf(online.cwd), "utf8"))).to.include({ online: true });
        expect(JSON.parse(readFileSync(deltaOf(plain.cwd), "utf8"))).to.not.have.property("online");
    });

    it("a bind's online: true is recorded like --online; a delta written before the field reads as the plain forms", () => {
        const cwd = mkdtempSync(join(tmpdir(), "tm-show-locks-config-"));
        dirs.push(cwd);
        const config = (dataSource: string, online: boolean) =>
            writeFileSync(
                join(cwd, "typeorm-migrate.config.json"),
                JSON.stringify({ migrationsDir: "migrations", binds: { default: { dataSource, online } } }),
            );
        config(blogDataSourceFile("v1"), false);
        expect(runCli(["generate", "-m", "init", "--timestamp", "1764000000000"], { cwd, env: postgres }).status).to.equal(0);
        config(blogDataSourceFile("v2"), true);
        const two = runCli(["generate", "-m", "two", "--timestamp", "1764000001000"], { cwd, env: postgres });
        expect(two.status, two.stderr).to.equal(0);
        // The bind no longer asks for online forms: show still reports what the file was written in.
        config(blogDataSourceFile("v2"), false);
        const shown = runCli(["show"], { cwd, env: postgres });
        expect(shown.status, shown.stderr).to.equal(0);
        expect(shown.stdout).to.include("SHARE UPDATE EXCLUSIVE (CONCURRENTLY)");
        expect(lockLines(shown.stdout)).to.deep.equal(lockLines(two.stdout));

        const delta = deltaOf(cwd);
        writeFileSync(delta, readFileSync(delta, "utf8").replace(/,"online":true/, ""));
        const old = runCli(["show"], { cwd, env: postgres });
        expect(old.status, old.stderr).to.equal(0);
        expect(old.stdout).to.not.include("CONCURRENTLY)");
        expect(old.stdout).to.include("      lock: SHARE; scans the table; BLOCKS WRITES\n");
    });

    it("SQLite: the table's one rebuild is shown at the op that runs it, the other ops of that table as done in it", () => {
        const cwd = mkdtempSync(join(tmpdir(), "tm-show-locks-sqlite-"));
        dirs.push(cwd);
        const env = { BLOG_DB: join(cwd, "db.sqlite") };
        const fixture = (version: string) => join(distRoot, "fixtures", "data-safety", `data-source-${version}.js`);
        expect(runCli(["generate", "-d", fixture("v1"), "-m", "first"], { cwd, env }).status).to.equal(0);
        const second = runCli(["generate", "-d", fixture("v2"), "-m", "second", "--backfill", "item.note=''", "--backfill", "item.rank=0"], { cwd, env });
        expect(second.status, second.stderr).to.equal(0);
        const shown = runCli(["show", "-d", fixture("v2")], { cwd, env });
        expect(shown.status, shown.stderr).to.equal(0);
        expect(lockLines(shown.stdout)).to.deep.equal(lockLines(second.stdout));
        expect(shown.stdout.match(/lock: database write lock \(table rebuilt\); rewrites the table; BLOCKS WRITES/g)).to.have.length(1);
        expect(shown.stdout).to.include("      lock: none here: done with the table's other changes, under the last op that changes it\n");
        expect(shown.stdout).to.include(`1 change(s) BLOCK WRITES to their table`);
    });
});
