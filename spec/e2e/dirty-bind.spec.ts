import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection, type Connection } from "mysql2/promise";
import { createMysqlDatabase, type MysqlTestDatabase } from "../support/databases";
import { distRoot, runCli } from "../support/run-cli";

const analyticsDataSource = (version: "v1" | "v2") => join(distRoot, "fixtures", "blog", "analytics", version, "data-source.js");
const failing = "ALTER TABLE `no_such_table` ADD `x` int";

/**
 * MariaDB commits each DDL statement: a migration that fails half way leaves its first statements
 * applied. The runner must not record it, must say where the database stands, and must refuse to
 * run over it until `--resume` (after the statement is fixed) or `stamp` (after a repair by hand).
 */
describe("a MySQL migration that fails part way leaves the bind dirty (MariaDB)", () => {
    let db: MysqlTestDatabase;
    let cwd: string;
    let sql: Connection;
    let migrationFile: string;
    const env = () => ({
        ANALYTICS_URL: `mysql://${db.options.username}${db.options.password ? `:${db.options.password}` : ""}@${db.options.host}:${db.options.port}/${db.name}`,
    });
    const cli = (version: "v1" | "v2", ...args: string[]) => runCli([args[0], "-d", analyticsDataSource(version), ...args.slice(1)], { cwd, env: env() });
    const recorded = async () => ((await sql.query("SELECT name FROM migrations ORDER BY id"))[0] as { name: string }[]).map((r) => r.name.replace(/\d+$/, ""));
    const columns = async (table: string) =>
        (
            (
                await sql.query("SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", [
                    db.name,
                    table,
                ])
            )[0] as { c: string }[]
        ).map((r) => r.c);
    const tables = async () =>
        (
            (await sql.query("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", [db.name]))[0] as {
                t: string;
            }[]
        ).map((r) => r.t);

    before(async () => {
        db = await createMysqlDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-dirty-"));
        sql = await createConnection({
            host: db.options.host,
            port: db.options.port,
            user: db.options.username,
            password: db.options.password,
            database: db.name,
        });
        expect(cli("v1", "generate", "-m", "Initial migration.").status).to.equal(0);
        const up = cli("v1", "upgrade");
        expect(up.status, up.stderr).to.equal(0);
        expect(cli("v2", "generate", "-m", "Added new fields").status).to.equal(0);
        const dir = join(cwd, "migrations", "default");
        migrationFile = join(
            dir,
            readdirSync(dir)
                .filter((f) => f.endsWith(".ts"))
                .sort()[1],
        );
    });
    after(async () => {
        await sql?.end();
        await db?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    const original = () => readFileSync(migrationFile, "utf8");
    let clean: string;
    /** The migration with a broken statement after the first statement of up(). */
    const broken = () => {
        const upStart = clean.indexOf("public async up(");
        const secondStatement = clean.indexOf("        // ", clean.indexOf("await queryRunner.query(", upStart) + 1);
        return `${clean.slice(0, secondStatement)}        await queryRunner.query(${JSON.stringify(failing)});\n${clean.slice(secondStatement)}`;
    };

    it("the failed upgrade exits 3, names the statement and what stayed applied, and records nothing", async () => {
        clean = original();
        // The event table is created, then the broken statement runs.
        writeFileSync(migrationFile, broken());
        const run = cli("v2", "upgrade");
        expect(run.status).to.equal(3);
        expect(run.stderr.trim().split("\n")).to.have.length(1);
        expect(run.stderr).to.include(`failed at ${failing}`);
        expect(run.stderr).to.match(/1 statement\(s\) before it stayed applied and the bind is marked dirty/);
        expect(run.stdout).to.match(/Statements of \w+ that stayed applied:\n {2}CREATE TABLE `event`/);
        expect(await recorded()).to.deep.equal(["InitialMigration"]);
        expect(await tables()).to.include("event");
    });

    it("upgrade and downgrade then refuse with exit 2, listing what was applied; current says DIRTY", async () => {
        for (const command of ["upgrade", "downgrade"]) {
            const run = cli("v2", command);
            expect(run.status, command).to.equal(2);
            expect(run.stderr).to.match(/the database is dirty: upgrade of \w+ \(AddedNewFields\d+\) failed at ALTER TABLE `no_such_table`/);
            expect(run.stdout).to.match(/Applied by the stopped run of \w+ .*:\n {2}CREATE TABLE `event`/);
        }
        expect(cli("v2", "current").stdout).to.match(/DIRTY: upgrade of \w+ failed at ALTER TABLE `no_such_table` ADD `x` int after 1 statement\(s\)/);
        expect(await recorded()).to.deep.equal(["InitialMigration"]);
    });

    it("--resume refuses when a statement that already ran was edited", async () => {
        writeFileSync(migrationFile, original().replace("CREATE TABLE `event` (", "CREATE TABLE `event2` ("));
        const run = cli("v2", "upgrade", "--resume");
        expect(run.status).to.equal(3);
        expect(run.stderr).to.match(/cannot resume: statement 1 is now CREATE TABLE `event2`/);
    });

    it("after the statement is fixed, upgrade --resume runs the rest once and records the migration", async () => {
        writeFileSync(migrationFile, clean);
        const run = cli("v2", "upgrade", "--resume");
        expect(run.status, run.stderr).to.equal(0);
        expect(await recorded()).to.deep.equal(["InitialMigration", "AddedNewFields"]);
        expect(await columns("page_view")).to.include("userAgent");
        expect(await columns("daily_count")).to.include("uniqueVisitors");
        expect(await tables()).not.to.include("typeorm_migrate_dirty");
        expect(cli("v2", "upgrade", "--resume").status).to.equal(2);
        expect(cli("v2", "current").stdout).not.to.include("DIRTY");
    });

    it("after a repair by hand, stamp settles the bind", async () => {
        const down = cli("v2", "downgrade");
        expect(down.status, down.stderr).to.equal(0);
        writeFileSync(migrationFile, broken());
        expect(cli("v2", "upgrade").status).to.equal(3);
        // The DBA takes the half-applied migration back out by hand and stamps where the database is.
        await sql.query("DROP TABLE `event`");
        const initial = /Revision: (\w+)/.exec(
            readFileSync(
                migrationFile.replace(
                    /[^/]+$/,
                    readdirSync(join(cwd, "migrations", "default"))
                        .filter((f) => f.endsWith(".ts"))
                        .sort()[0],
                ),
                "utf8",
            ),
        )?.[1] as string;
        const stamp = cli("v2", "stamp", initial);
        expect(stamp.status, stamp.stderr).to.equal(0);
        expect(await tables()).not.to.include("typeorm_migrate_dirty");
        expect(await recorded()).to.deep.equal(["InitialMigration"]);
        writeFileSync(migrationFile, clean);
        const up = cli("v2", "upgrade");
        expect(up.status, up.stderr).to.equal(0);
        expect(await recorded()).to.deep.equal(["InitialMigration", "AddedNewFields"]);
    });
});
