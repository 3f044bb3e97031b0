import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createConnection } from "mysql2/promise";
import { createMysqlDatabase, createPostgresDatabase, type MysqlTestDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogConfigFile, blogDataSourceFile, runCli } from "../support/run-cli";

describe("CLI: --url and a bind's urlFromEnv point a bind at another database", () => {
    let usual: PostgresTestDatabase;
    let other: PostgresTestDatabase;
    let cwd: string;
    const tablesIn = async (db: PostgresTestDatabase) => {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
            return (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map(
                (r: { tablename: string }) => r.tablename,
            );
        } finally {
            await client.end();
        }
    };

    before(async () => {
        [usual, other] = await Promise.all([createPostgresDatabase(), createPostgresDatabase()]);
        cwd = mkdtempSync(join(tmpdir(), "tm-url-"));
        expect(runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "init"], { cwd, env: { BLOG_URL: usual.url } }).status).to.equal(0);
    });
    after(async () => {
        await Promise.all([usual?.drop(), other?.drop()]);
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("--url runs the bind's migrations on the other database only", async () => {
        const run = runCli(["upgrade", "-d", blogDataSourceFile("v1"), "--url", other.url], { cwd, env: { BLOG_URL: usual.url } });
        expect(run.status, run.stderr).to.equal(0);
        expect(await tablesIn(other)).to.include.members(["migrations", "post", "user"]);
        expect(await tablesIn(usual)).to.deep.equal([]);
        expect(runCli(["current", "-d", blogDataSourceFile("v1"), "--url", other.url], { cwd, env: { BLOG_URL: usual.url } }).stdout).to.match(
            /\(head\), init/,
        );
    });

    it("urlFromEnv in the config honours DATABASE_URL when it is set", async () => {
        writeFileSync(
            join(cwd, "typeorm-migrate.config.json"),
            JSON.stringify({ binds: { default: { dataSource: blogDataSourceFile("v1"), urlFromEnv: "DATABASE_URL" } } }),
        );
        const down = runCli(["downgrade", "base"], { cwd, env: { BLOG_URL: usual.url, DATABASE_URL: other.url } });
        expect(down.status, down.stderr).to.equal(0);
        expect(await tablesIn(other)).to.deep.equal(["migrations"]);
        const up = runCli(["upgrade"], { cwd, env: { BLOG_URL: usual.url, DATABASE_URL: "" } });
        expect(up.status, up.stderr).to.equal(0);
        expect(await tablesIn(usual)).to.include("post");
        const wrongKind = runCli(["current"], { cwd, env: { BLOG_URL: usual.url, DATABASE_URL: "mysql://root:secret@127.0.0.1/x" } });
        expect(wrongKind.status).to.equal(2);
        expect(wrongKind.stderr).to.match(/error: DATABASE_URL: "mysql:\/\/root:\*\*\*@127\.0\.0\.1\/x" is not a postgres URL/);
        rmSync(join(cwd, "typeorm-migrate.config.json"));
    });

    it("a URL of another kind of database, or --url with several binds, is bad input", () => {
        const mismatch = runCli(["current", "-d", blogDataSourceFile("v1"), "--url", "mysql://root:secret@127.0.0.1/x"], { cwd, env: { BLOG_URL: usual.url } });
        expect(mismatch.status).to.equal(2);
        expect(mismatch.stderr).to.match(/--url: "mysql:\/\/root:\*\*\*@127\.0\.0\.1\/x" is not a postgres URL/);
        const several = runCli(["upgrade", "-c", blogConfigFile("v1"), "--url", other.url], { cwd });
        expect(several.status).to.equal(2);
        expect(several.stderr).to.match(/--url names one database; there are several binds \(default, analytics\)/);
    });

    describe("on MariaDB, whose driver keeps its own copy of the options", () => {
        let usualMaria: MysqlTestDatabase;
        let otherMaria: MysqlTestDatabase;
        let mariaCwd: string;
        const urlOf = (db: MysqlTestDatabase) =>
            `mariadb://${db.options.username}${db.options.password ? `:${db.options.password}` : ""}@${db.options.host}:${db.options.port}/${db.name}`;
        const mariaTables = async (db: MysqlTestDatabase) => {
            const connection = await createConnection({
                host: db.options.host,
                port: db.options.port,
                user: db.options.username,
                password: db.options.password,
            });
            try {
                const [rows] = await connection.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? ORDER BY 1", [db.name]);
                return (rows as { t: string }[]).map((row) => row.t);
            } finally {
                await connection.end();
            }
        };
        before(async () => {
            [usualMaria, otherMaria] = await Promise.all([createMysqlDatabase(), createMysqlDatabase()]);
            mariaCwd = mkdtempSync(join(tmpdir(), "tm-url-maria-"));
        });
        after(async () => {
            await Promise.all([usualMaria?.drop(), otherMaria?.drop()]);
            if (mariaCwd) rmSync(mariaCwd, { recursive: true, force: true });
        });

        it("--url runs the migrations on the other database, not the data source's", async () => {
            const env = { BLOG_URL: urlOf(usualMaria) };
            expect(runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "init"], { cwd: mariaCwd, env }).status).to.equal(0);
            const run = runCli(["upgrade", "-d", blogDataSourceFile("v1"), "--url", urlOf(otherMaria)], { cwd: mariaCwd, env });
            expect(run.status, run.stderr).to.equal(0);
            expect(await mariaTables(otherMaria)).to.include.members(["migrations", "post", "user"]);
            expect(await mariaTables(usualMaria)).to.deep.equal([]);
        });
    });
});
