import { expect } from "chai";
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { Client } from "pg";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpMysqlCatalog } from "../support/catalog/mysql";
import { dumpPostgresCatalog } from "../support/catalog/postgres";
import { dumpSqliteCatalog } from "../support/catalog/sqlite";
import { createMysqlDatabase, createPostgresDatabase, createSqliteFile } from "../support/databases";
import { blogConfigFile, distRoot, repoRoot, runCli, type CliRun } from "../support/run-cli";

type Row = Record<string, unknown>;

/** One database a test builds, and how a DBA would run a script on it. */
interface TestDatabase {
    /** The CLI's environment for this database; `reachable: false` points it where nothing answers. */
    env(reachable: boolean): Record<string, string>;
    /** Runs a script with the server's own command-line client, stopping at the first error. */
    runScript(sql: string): void;
    /** The schema, the migrations table included. */
    catalog(): Promise<Catalog>;
    /** The migrations table's rows (timestamp, name, checksum) in insertion order. */
    rows(): Promise<Row[]>;
    drop(): Promise<void>;
}

interface Backend {
    readonly name: string;
    /** The data source file of each model version, compiled. */
    readonly dataSource: (version: "v1" | "v2") => string;
    create(): Promise<TestDatabase>;
}

const blogFile = (version: string) => join(distRoot, "fixtures", "blog", version, "data-source.js");
const analyticsFile = (version: string) => join(distRoot, "fixtures", "blog", "analytics", version, "data-source.js");

function client(command: string, args: readonly string[], input: string): void {
    const run = spawnSync(command, args, { input, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`${command} failed (${run.status}): ${run.stderr || run.error?.message}`);
}

const postgres: Backend = {
    name: "PostgreSQL",
    dataSource: blogFile,
    async create() {
        const db = await createPostgresDatabase();
        const { host, port, username, database } = db.options;
        const query = async (sql: string, parameters?: unknown[]) => {
            const pg = new Client({ connectionString: db.url });
            await pg.connect();
            try {
                return (await pg.query(sql, parameters as unknown[])).rows as Row[];
            } finally {
                await pg.end();
            }
        };
        return {
            env: (reachable) => ({ BLOG_URL: reachable ? db.url : `postgres://${username}@127.0.0.1:1/${database}` }),
            runScript: (sql) =>
                client("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(port), "-U", username, "-d", database, "-f", "-"], sql),
            catalog: () => dumpPostgresCatalog(query, { ignoreTables: [] }),
            rows: () => query(`SELECT "timestamp"::text AS "timestamp", "name", "checksum" FROM "migrations" ORDER BY "id"`),
            drop: () => db.drop(),
        };
    },
};

const mysql: Backend = {
    name: "MySQL (driver type mysql)",
    dataSource: analyticsFile,
    async create() {
        const db = await createMysqlDatabase();
        const { host, port, username, password, database } = db.options;
        const query = async (sql: string, parameters?: unknown[]) => {
            const connection = await createConnection({ host, port, user: username, password, database });
            try {
                return (await connection.query(sql, parameters))[0] as Row[];
            } finally {
                await connection.end();
            }
        };
        const url = (at: number) => `mysql://${username}${password ? `:${password}` : ""}@${host}:${at}/${database}`;
        return {
            env: (reachable) => ({ ANALYTICS_URL: url(reachable ? port : 1) }),
            runScript: (sql) => client("mysql", ["-h", host, "-P", String(port), "-u", username, ...(password ? [`-p${password}`] : []), database], sql),
            catalog: () => dumpMysqlCatalog(query, { ignoreTables: [] }),
            rows: () => query("SELECT CAST(`timestamp` AS CHAR) AS `timestamp`, `name`, `checksum` FROM `migrations` ORDER BY `id`"),
            drop: () => db.drop(),
        };
    },
};

const sqlite: Backend = {
    name: "SQLite",
    dataSource: blogFile,
    async create() {
        const file = createSqliteFile();
        const open = async <T>(work: (db: Database.Database) => T | Promise<T>): Promise<T> => {
            const db = new Database(file.path);
            try {
                return await work(db);
            } finally {
                db.close();
            }
        };
        return {
            // Unreachable: a file in a folder that does not exist, so opening it would fail.
            env: (reachable) => ({ BLOG_DB: reachable ? file.path : join(file.path, "missing-folder", "blog.sqlite") }),
            runScript: (sql) => client("sqlite3", ["-bail", file.path], sql),
            catalog: () => open((db) => dumpSqliteCatalog(db, { ignoreTables: [] })),
            rows: () =>
                open((db) => db.prepare(`SELECT CAST("timestamp" AS TEXT) AS "timestamp", "name", "checksum" FROM "migrations" ORDER BY "id"`).all() as Row[]),
            drop: async () => file.cleanup(),
        };
    },
};

for (const backend of [postgres, mysql, sqlite]) {
    describe(`CLI: --sql on ${backend.name}, the printed SQL run by the server's own client`, () => {
        let cwd: string;
        let offline: TestDatabase;
        let online: TestDatabase;
        let revisions: { id: string; name: string }[];
        const cli = (db: TestDatabase, reachable: boolean, version: "v1" | "v2", ...args: string[]): CliRun =>
            runCli([...args, "-d", backend.dataSource(version)], { cwd, env: db.env(reachable) });
        /** The SQL of an offline command, checked to have been made without a database. */
        const sqlOf = (...args: string[]): string => {
            const run = cli(offline, false, "v2", ...args, "--sql");
            expect(run.status, run.stderr).to.equal(0);
            return run.stdout;
        };
        const expectSameDatabases = async (label: string) => {
            expect(diffCatalogs(await online.catalog(), await offline.catalog(), { a: "online", b: "--sql" }), label).to.deep.equal([]);
            expect(await offline.rows(), `${label}: migrations rows`).to.deep.equal(await online.rows());
        };
        const current = () => {
            const run = cli(offline, true, "v2", "current");
            expect(run.status, run.stderr).to.equal(0);
            return run.stdout.trim();
        };

        before(async () => {
            cwd = mkdtempSync(join(tmpdir(), "tm-offline-sql-"));
            offline = await backend.create();
            online = await backend.create();
            for (const [version, message] of [
                ["v1", "Initial migration."],
                ["v2", "Added new fields"],
            ] as const) {
                const run = cli(offline, false, version, "generate", "-m", message);
                expect(run.status, run.stderr + run.stdout).to.equal(0);
            }
            revisions = readdirSync(join(cwd, "migrations", "default"))
                .filter((f) => f.endsWith(".ts"))
                .sort()
                .map((file) => {
                    const text = readFileSync(join(cwd, "migrations", "default", file), "utf8");
                    return { id: (/Revision: (\w+)/.exec(text) as RegExpExecArray)[1], name: (/export class (\w+)/.exec(text) as RegExpExecArray)[1] };
                });
        });
        after(async () => {
            await offline?.drop();
            await online?.drop();
            if (cwd) rmSync(cwd, { recursive: true, force: true });
        });

        it("upgrade --sql prints both migrations and the migrations-table statements, with the database unreachable", () => {
            const sql = sqlOf("upgrade");
            const [first, second] = revisions;
            expect(sql).to.match(/^CREATE TABLE IF NOT EXISTS [`"]migrations[`"] \(.*[`"]checksum[`"] varchar\(80\)/m);
            const heading1 = sql.indexOf(`-- ${first.id} ${first.name}: Initial migration.\n`);
            const heading2 = sql.indexOf(`-- ${second.id} ${second.name}: Added new fields\n`);
            expect(heading1, sql).to.be.greaterThan(0);
            expect(heading2).to.be.greaterThan(heading1);
            for (const { name } of revisions) {
                expect(sql).to.match(
                    new RegExp(
                        `^INSERT INTO [\`"\\w.]*migrations[\`"]\\([\`"]timestamp[\`"], [\`"]name[\`"]\\) VALUES \\(${name.slice(-13)}, '${name}'\\);$`,
                        "m",
                    ),
                );
                expect(sql).to.match(
                    new RegExp(`^UPDATE [\`"\\w.]*migrations[\`"] SET [\`"]checksum[\`"] = 'ts:[0-9a-f]{64}' WHERE [\`"]name[\`"] = '${name}';$`, "m"),
                );
            }
            expect(sql.slice(heading1, heading2)).to.match(/CREATE TABLE/);
            if (backend !== mysql) expect(sql.split("\n").filter((line) => /^(START|BEGIN) TRANSACTION;$/.test(line))).to.have.length(2);
            else expect(sql).not.to.match(/TRANSACTION;/);
            if (backend === sqlite) {
                expect(existsSync(offline.env(false).BLOG_DB)).to.equal(false);
                expect(sql).to.match(/^PRAGMA foreign_keys = OFF;$/m);
            }
        });

        it("the printed upgrade builds what the online upgrade builds, and current then reports head", async () => {
            offline.runScript(sqlOf("upgrade", "head"));
            const run = cli(online, true, "v2", "upgrade");
            expect(run.status, run.stderr).to.equal(0);
            await expectSameDatabases("after upgrade");
            expect(current()).to.equal(`${revisions[1].id} (head), Added new fields`);
        });

        it("a range prints only its revisions", () => {
            const [first, second] = revisions;
            const up = sqlOf("upgrade", `${first.id}:head`);
            expect(up).to.include(`-- ${second.id} `).and.not.include(`-- ${first.id} `);
            const down = sqlOf("downgrade", `head:${first.id}`);
            expect(down).to.include(`-- ${second.id} `).and.not.include(`-- ${first.id} `).and.not.include("CREATE TABLE IF NOT EXISTS");
            expect(down).to.match(
                new RegExp(
                    `^DELETE FROM [\`"\\w.]*migrations[\`"] WHERE [\`"]timestamp[\`"] = ${second.name.slice(-13)} AND [\`"]name[\`"] = '${second.name}';$`,
                    "m",
                ),
            );
        });

        it("downgrade --sql head:base brings it back to what the online downgrade leaves", async () => {
            offline.runScript(sqlOf("downgrade", "head:base"));
            const run = cli(online, true, "v2", "downgrade", "base");
            expect(run.status, run.stderr).to.equal(0);
            await expectSameDatabases("after downgrade");
            expect(await offline.rows()).to.deep.equal([]);
            expect(current()).to.equal("<base> (no revision applied)");
        });

        it("stamp --sql records and removes the rows as the online stamp does", async () => {
            const sql = sqlOf("stamp", "head");
            expect(sql).not.to.match(/TRANSACTION|ALTER TYPE|CREATE INDEX/);
            offline.runScript(sql);
            expect(cli(online, true, "v2", "stamp", "head").status).to.equal(0);
            await expectSameDatabases("after stamp head");
            expect(current()).to.equal(`${revisions[1].id} (head), Added new fields`);
            offline.runScript(sqlOf("stamp", `head:${revisions[0].id}`));
            expect(cli(online, true, "v2", "stamp", revisions[0].id).status).to.equal(0);
            await expectSameDatabases("after stamp back");
            expect(current()).to.equal(`${revisions[0].id}, Initial migration.`);
        });

        it("bad ranges are exit 2 with one line and no SQL", () => {
            const cases: [string[], RegExp][] = [
                [
                    ["downgrade"],
                    /error: an offline downgrade needs a range <from>:<to> \(e\.g\. head:base\): without a database the current revision is unknown\n$/,
                ],
                [
                    ["downgrade", "head"],
                    /error: an offline downgrade needs a range <from>:<to> \(e\.g\. head:base\), not "head": without a database the current revision is unknown\n$/,
                ],
                [["downgrade", "base:head"], /error: offline downgrade base:head: head is not an ancestor of base\n$/],
                [["upgrade", "head:base"], /error: offline upgrade head:base: head is not an ancestor of base\n$/],
                [["upgrade", "nosuchrev:head"], /unknown revision "nosuchrev"/],
            ];
            for (const [args, message] of cases) {
                const run = cli(offline, false, "v2", ...args, "--sql");
                expect(run.status, `${args.join(" ")}: ${run.stderr}`).to.equal(2);
                expect(run.stderr.trim().split("\n"), args.join(" ")).to.have.length(1);
                expect(run.stderr, args.join(" ")).to.match(message);
                expect(run.stdout).to.equal("");
            }
        });
    });
}

describe("CLI: --sql with a hand-written migration using TypeORM's helpers (PostgreSQL)", () => {
    let cwd: string;
    let offline: TestDatabase;
    const cli = (...args: string[]) => runCli([...args, "-d", blogFile("v1")], { cwd, env: offline.env(false) });

    before(async () => {
        cwd = mkdtempSync(join(tmpdir(), "tm-offline-helpers-"));
        offline = await postgres.create();
        expect(cli("generate", "-m", "Initial migration.").status).to.equal(0);
        const made = cli("revision", "-m", "Notes by hand");
        expect(made.status, made.stderr).to.equal(0);
        const file = join(cwd, (/Generated (\S+\.ts)/.exec(made.stdout) as RegExpExecArray)[1]);
        const text = readFileSync(file, "utf8")
            // The migration lives outside the repository: it finds TypeORM by path.
            .replace(
                'import type { MigrationInterface, QueryRunner } from "typeorm";',
                `import { Table, type MigrationInterface, type QueryRunner } from ${JSON.stringify(join(repoRoot, "node_modules", "typeorm"))};`,
            )
            .replace(
                /public async up\(queryRunner: QueryRunner\): Promise<void> \{[^}]*\}/,
                [
                    "public async up(queryRunner: QueryRunner): Promise<void> {",
                    '        await queryRunner.createTable(new Table({ name: "note", columns: [{ name: "id", type: "integer", isPrimary: true }, { name: "body", type: "varchar", length: "100" }] }));',
                    '        await queryRunner.query(`INSERT INTO "note" ("id", "body") VALUES ($1, $2)`, [1, "it\'s $1, a \'quote\' and a ?"]);',
                    "    }",
                ].join("\n"),
            )
            .replace(
                /public async down\(queryRunner: QueryRunner\): Promise<void> \{[^}]*\}/,
                [
                    "public async down(queryRunner: QueryRunner): Promise<void> {",
                    '        await queryRunner.dropColumn("note", "body");',
                    '        await queryRunner.dropTable("note");',
                    "    }",
                ].join("\n"),
            );
        writeFileSync(file, text);
    });
    after(async () => {
        await offline?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("createTable(Table) prints TypeORM's own SQL and parameters are written in as literals; the script runs", async () => {
        const run = cli("upgrade", "--sql");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.include(`CREATE TABLE "note" ("id" integer NOT NULL, "body" varchar(100) NOT NULL, CONSTRAINT`);
        expect(run.stdout).to.include(`INSERT INTO "note" ("id", "body") VALUES (1, 'it''s $1, a ''quote'' and a ?');`);
        offline.runScript(run.stdout);
        const pg = new Client({ connectionString: postgresUrlOf(offline) });
        await pg.connect();
        try {
            expect((await pg.query(`SELECT "body" FROM "note"`)).rows).to.deep.equal([{ body: "it's $1, a 'quote' and a ?" }]);
        } finally {
            await pg.end();
        }
    });

    it("a helper that must read the live schema stops --sql with a clear error naming it", () => {
        const run = cli("downgrade", "head:base", "--sql");
        expect(run.status).to.equal(3);
        expect(run.stderr.trim().split("\n")).to.have.length(1);
        expect(run.stderr).to.match(
            /\(NotesByHand\d{13}\) down: queryRunner\.dropColumn\(\.\.\.\) needs loadTables\(\), and printing SQL does not connect; write such a step as queryRunner\.query\("\.\.\."\) or pass the helper a Table object\n$/,
        );
        expect(run.stdout).to.equal("");
    });
});

function postgresUrlOf(db: TestDatabase): string {
    return db.env(true).BLOG_URL;
}

describe("CLI: --sql with several binds", () => {
    let cwd: string;
    const cli = (...args: string[]) =>
        runCli([...args, "-c", blogConfigFile("v1"), "--dir", "migrations"], {
            cwd,
            env: { BLOG_DB: join(cwd, "blog.sqlite"), ANALYTICS_DB: join(cwd, "analytics.sqlite") },
        });
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-offline-binds-"));
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("prints one section per bind under a -- bind header, and opens neither database", () => {
        expect(cli("generate", "-m", "Initial migration.").status).to.equal(0);
        const run = cli("upgrade", "--sql");
        expect(run.status, run.stderr).to.equal(0);
        const headings = run.stdout.split("\n").filter((line) => /^-- (bind \w+|[0-9a-f]{12} \w+: )/.test(line));
        expect(headings.map((line) => line.replace(/[0-9a-f]{12} InitialMigration\d{13}/, "<revision>"))).to.deep.equal([
            "-- bind default",
            "-- <revision>: Initial migration.",
            "-- bind analytics",
            "-- <revision>: Initial migration.",
        ]);
        expect(run.stdout.slice(run.stdout.indexOf("-- bind analytics")))
            .to.include('CREATE TABLE "page_view"')
            .and.not.include('CREATE TABLE "post"');
        expect([existsSync(join(cwd, "blog.sqlite")), existsSync(join(cwd, "analytics.sqlite"))]).to.deep.equal([false, false]);
    });
});
