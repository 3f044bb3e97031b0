import { expect } from "chai";
import Database from "better-sqlite3";
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, runCli } from "../support/run-cli";

describe("CLI: a migration edited after it was applied", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli([...args, "-d", blogDataSourceFile("v1")], { cwd, env });
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-checksum-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite") };
        expect(cli("generate", "-m", "Initial migration.", "--rev-id", "init0001").status).to.equal(0);
        expect(cli("upgrade").status).to.equal(0);
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("records the file's checksum in a column of TypeORM's migrations table", () => {
        const db = new Database(env.BLOG_DB, { readonly: true });
        const rows = db.prepare("SELECT name, checksum FROM migrations").all() as { name: string; checksum: string }[];
        db.close();
        expect(rows).to.have.length(1);
        expect(rows[0].checksum).to.match(/^ts:[0-9a-f]{64}$/);
    });

    it("while unchanged: no warning, check --strict passes", () => {
        expect(cli("current").stdout).not.to.include("edited");
        expect(cli("check", "--strict").status).to.equal(0);
    });

    it("once edited: current and upgrade warn, check --strict exits 1 naming it", () => {
        const dir = join(cwd, "migrations", "default");
        appendFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".ts")) as string), "\n// edited by hand\n");
        for (const command of ["current", "upgrade"]) {
            const run = cli(command);
            expect(run.status, command).to.equal(0);
            expect(run.stdout, command).to.match(/Warning: init0001 \(InitialMigration\d{13}\) was edited after it was applied to this database/);
        }
        const strict = cli("check", "--strict");
        expect(strict.status).to.equal(1);
        expect(strict.stdout).to.include("init0001 was edited after it was applied to the database");
        expect(cli("check").status).to.equal(0);
    });
});

describe("CLI: stamp --purge", () => {
    it("empties the migrations table, rows of other tools included, then records the target", () => {
        const cwd = mkdtempSync(join(tmpdir(), "tm-purge-"));
        const env = { BLOG_DB: join(cwd, "blog.sqlite") };
        const cli = (...args: string[]) => runCli([...args, "-d", blogDataSourceFile("v1")], { cwd, env });
        try {
            expect(cli("generate", "-m", "Initial migration.", "--rev-id", "init0001").status).to.equal(0);
            expect(cli("upgrade").status).to.equal(0);
            const db = new Database(env.BLOG_DB);
            db.prepare("INSERT INTO migrations (timestamp, name) VALUES (1600000000000, 'Legacy1600000000000')").run();
            db.close();
            expect(cli("current").stdout).to.include("Also recorded, not in the migrations folder: Legacy1600000000000");
            const plain = cli("stamp", "head");
            expect(plain.status, plain.stderr).to.equal(0);
            expect(cli("current").stdout).to.include("Legacy1600000000000");
            const purged = cli("stamp", "head", "--purge");
            expect(purged.status, purged.stderr).to.equal(0);
            expect(purged.stdout).to.match(/Stamped init0001 \(migrations table purged first\); recorded init0001\./);
            const current = cli("current").stdout;
            expect(current)
                .to.match(/^init0001 \(head\)/m)
                .and.not.include("Legacy");
        } finally {
            rmSync(cwd, { recursive: true, force: true });
        }
    });
});
