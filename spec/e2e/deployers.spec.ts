import { expect } from "chai";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createConnection } from "mysql2/promise";
import { createMysqlDatabase, createPostgresDatabase, type MysqlTestDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogDataSourceFile, cliPath, distRoot, runCli } from "../support/run-cli";

interface Finished {
    readonly status: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Starts the CLI without waiting for it. */
function startCli(args: readonly string[], cwd: string, env: Record<string, string>) {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
    });
    const finished = new Promise<Finished>((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
    return { child, finished };
}

/** Adds a pause at the start of a migration's `up`, so a test can act while it runs. */
function slowDown(dir: string, fileEnd: string, sleepSql: string): void {
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith(fileEnd)) as string);
    writeFileSync(
        file,
        readFileSync(file, "utf8").replace(
            "public async up(queryRunner: QueryRunner): Promise<void> {",
            `public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(\`${sleepSql}\`);`,
        ),
    );
}

describe("deployers on PostgreSQL: signals, lock timeout, transaction modes", () => {
    let db: PostgresTestDatabase;
    let cwd: string;
    let sql: Client;
    const env = () => ({ BLOG_URL: db.url });
    const cli = (...args: string[]) => runCli([...args, "-d", blogDataSourceFile("v3")], { cwd, env: env() });
    const recorded = async () => (await sql.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((r: { name: string }) => r.name.replace(/\d{13}$/, ""));
    const tables = async () =>
        (await sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r: { tablename: string }) => r.tablename);
    const locksHeld = async () =>
        Number(
            (
                await sql.query<{ n: string }>(
                    `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
                )
            ).rows[0].n,
        );

    const dir = () => join(cwd, "migrations", "default");
    /** True while another session is running a statement that contains `text`. */
    const running = async (text: string) =>
        Number(
            (await sql.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${text}%`]))
                .rows[0].n,
        ) > 0;
    const whileRunning = async (text: string) => {
        const deadline = Date.now() + 20000;
        while (!(await running(text))) {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    };

    beforeEach(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-deployers-"));
        sql = new Client({ connectionString: db.url });
        await sql.connect();
        for (const version of ["v1", "v2", "v3"] as const) {
            const run = runCli(["generate", "-d", blogDataSourceFile(version), "-m", `blog ${version}`], { cwd, env: env() });
            expect(run.status, run.stderr).to.equal(0);
        }
    });
    afterEach(async () => {
        await sql?.end();
        await db?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("Ctrl-C lets the migration under way finish, runs no more, releases the lock and exits 130; a rerun completes", async () => {
        slowDown(dir(), "-blog-v1.ts", "SELECT pg_sleep(1.5)");
        const run = startCli(["upgrade", "-d", blogDataSourceFile("v3")], cwd, env());
        await whileRunning("pg_sleep(1.5)");
        run.child.kill("SIGINT");
        const finished = await run.finished;
        expect(finished.status, finished.stderr).to.equal(130);
        expect(finished.stdout).to.include("Interrupted");
        expect(finished.stderr).to.match(/interrupted: not run: \w+, \w+/);
        expect(await recorded()).to.deep.equal(["BlogV1"]);
        expect(await locksHeld()).to.equal(0);
        expect(cli("upgrade").status).to.equal(0);
        expect(await recorded()).to.deep.equal(["BlogV1", "BlogV2", "BlogV3"]);
        expect(await locksHeld()).to.equal(0);
    });

    it("SIGKILL in the middle of a migration leaves nothing of it applied, and a rerun completes", async () => {
        slowDown(dir(), "-blog-v2.ts", "SELECT pg_sleep(2)");
        const run = startCli(["upgrade", "-d", blogDataSourceFile("v3")], cwd, env());
        await whileRunning("pg_sleep(2)");
        run.child.kill("SIGKILL");
        expect((await run.finished).signal).to.equal("SIGKILL");
        expect(await recorded()).to.deep.equal(["BlogV1"]);
        expect(await tables()).not.to.include("post_like");
        // The orphaned session finishes its statement, finds its client gone and rolls back, which
        // ends its lock too: the rerun waits for that, then runs v2 and v3 once.
        const rerun = cli("upgrade");
        expect(rerun.status, rerun.stderr).to.equal(0);
        expect(await recorded()).to.deep.equal(["BlogV1", "BlogV2", "BlogV3"]);
    });

    it("--lock-timeout gives up while another deployer holds the lock, running nothing", async () => {
        const holder = new Client({ connectionString: db.url });
        await holder.connect();
        try {
            await holder.query("SELECT pg_advisory_lock(7453496763656701)");
            const run = cli("upgrade", "--lock-timeout", "1");
            expect(run.status).to.equal(3);
            expect(run.stderr).to.match(/another deployer held the migration lock for more than 1 s; nothing was run/);
            expect(await tables()).to.deep.equal([]);
        } finally {
            await holder.end();
        }
        expect(cli("upgrade", "--lock-timeout", "1").status).to.equal(0);
    });

    it("--transaction all: a failure rolls back every migration of the run; each keeps those before it", async () => {
        const file = join(dir(), readdirSync(dir()).find((f) => f.endsWith("-blog-v3.ts")) as string);
        const original = readFileSync(file, "utf8");
        writeFileSync(
            file,
            original.replace(
                "public async up(queryRunner: QueryRunner): Promise<void> {",
                "public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(`SELECT no_such_function()`);",
            ),
        );
        const all = cli("upgrade", "--transaction", "all");
        expect(all.status).to.equal(3);
        expect(all.stdout)
            .to.match(/BlogV1\d+ \.\.\. rolled back \(a later migration failed\)/)
            .and.match(/BlogV3\d+ \.\.\. FAILED/);
        expect(await recorded()).to.deep.equal([]);
        expect(await tables()).to.deep.equal(["migrations"]);
        const each = cli("upgrade", "--transaction", "each");
        expect(each.status).to.equal(3);
        expect(await recorded()).to.deep.equal(["BlogV1", "BlogV2"]);
        writeFileSync(file, original);
        expect(cli("upgrade", "--transaction", "all").status).to.equal(0);
        expect(await recorded()).to.deep.equal(["BlogV1", "BlogV2", "BlogV3"]);
    });

    it("--transaction none: on PostgreSQL too, a half-run migration leaves the bind dirty", async () => {
        const file = join(dir(), readdirSync(dir()).find((f) => f.endsWith("-blog-v1.ts")) as string);
        const text = readFileSync(file, "utf8");
        const secondStatement = text.indexOf("        // ", text.indexOf("await queryRunner.query(", text.indexOf("public async up(")) + 1);
        writeFileSync(file, `${text.slice(0, secondStatement)}        await queryRunner.query(\`SELECT no_such_function()\`);\n${text.slice(secondStatement)}`);
        const run = cli("upgrade", "--transaction", "none");
        expect(run.status).to.equal(3);
        expect(run.stderr).to.match(/failed at SELECT no_such_function\(\).*1 statement\(s\) before it stayed applied and the bind is marked dirty/);
        expect(cli("upgrade").status).to.equal(2);
    });
});

/** Eight processes run `upgrade` at once on one database: each migration runs exactly once. */
describe("eight deployers at once", () => {
    const servers = [
        {
            name: "PostgreSQL",
            create: async () => {
                const db: PostgresTestDatabase = await createPostgresDatabase();
                return {
                    env: { BLOG_URL: db.url, ANALYTICS_URL: db.url },
                    rows: async () => {
                        const client = new Client({ connectionString: db.url });
                        await client.connect();
                        try {
                            return (await client.query("SELECT name FROM migrations")).rows.map((r: { name: string }) => r.name);
                        } finally {
                            await client.end();
                        }
                    },
                    drop: () => db.drop(),
                };
            },
        },
        {
            name: "MariaDB",
            create: async () => {
                const db: MysqlTestDatabase = await createMysqlDatabase();
                const url = `mariadb://${db.options.username}${db.options.password ? `:${db.options.password}` : ""}@${db.options.host}:${db.options.port}/${db.name}`;
                return {
                    env: { BLOG_URL: url, ANALYTICS_URL: url },
                    rows: async () => {
                        const connection = await createConnection({
                            host: db.options.host,
                            port: db.options.port,
                            user: db.options.username,
                            password: db.options.password,
                            database: db.name,
                        });
                        try {
                            return ((await connection.query("SELECT name FROM migrations"))[0] as { name: string }[]).map((r) => r.name);
                        } finally {
                            await connection.end();
                        }
                    },
                    drop: () => db.drop(),
                };
            },
        },
    ];
    for (const server of servers) {
        it(`${server.name}: all exit 0, every migration applied once, the database at head`, async () => {
            const db = await server.create();
            const cwd = mkdtempSync(join(tmpdir(), "tm-eight-"));
            try {
                const analytics = (version: "v1" | "v2") => join(distRoot, "fixtures", "blog", "analytics", version, "data-source.js");
                for (const version of ["v1", "v2"] as const) {
                    expect(runCli(["generate", "-d", analytics(version), "-m", `analytics ${version}`], { cwd, env: db.env }).status).to.equal(0);
                }
                const runs = Array.from({ length: 8 }, () => startCli(["upgrade", "-d", analytics("v2")], cwd, db.env));
                const finished = await Promise.all(runs.map((run) => run.finished));
                expect(finished.map((f) => [f.status, f.stderr])).to.deep.equal(finished.map(() => [0, ""]));
                const applying = finished.flatMap((f) => f.stdout.match(/^Applying \w+/gm) ?? []);
                expect(applying).to.have.length(2);
                const rows = await db.rows();
                expect(rows).to.have.length(2);
                expect(new Set(rows).size).to.equal(2);
                const check = runCli(["current", "-d", analytics("v2")], { cwd, env: db.env });
                expect(check.stdout).to.match(/\(head\), analytics v2/);
            } finally {
                rmSync(cwd, { recursive: true, force: true });
                await db.drop();
            }
        });
    }
});

describe("two deployers on one SQLite file", () => {
    let cwd: string;
    let env: Record<string, string>;
    const lockFile = () => `${env.BLOG_DB}.typeorm-migrate.lock`;
    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-sqlite-lock-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite") };
        expect(runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "blog v1"], { cwd, env }).status).to.equal(0);
        // A slow first statement, so the second deployer arrives while the first one runs.
        slowDown(
            join(cwd, "migrations", "default"),
            "-blog-v1.ts",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c",
        );
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("the second waits on the lock file, then finds the migration applied; the lock file is gone", async () => {
        const runs = [startCli(["upgrade", "-d", blogDataSourceFile("v1")], cwd, env), startCli(["upgrade", "-d", blogDataSourceFile("v1")], cwd, env)];
        const finished = await Promise.all(runs.map((run) => run.finished));
        expect(finished.map((f) => [f.status, f.stderr])).to.deep.equal([
            [0, ""],
            [0, ""],
        ]);
        expect(finished.flatMap((f) => f.stdout.match(/^Applying /gm) ?? [])).to.have.length(1);
        expect(existsSync(lockFile())).to.equal(false);
    });

    it("a lock file left by a process that died is taken over; one held by a live process is waited for", async () => {
        writeFileSync(lockFile(), `999999999@${hostname()}`);
        expect(runCli(["upgrade", "-d", blogDataSourceFile("v1")], { cwd, env }).status).to.equal(0);
        writeFileSync(lockFile(), `${process.pid}@${hostname()}`);
        const waiting = runCli(["downgrade", "-d", blogDataSourceFile("v1"), "--lock-timeout", "1"], { cwd, env });
        expect(waiting.status).to.equal(3);
        expect(waiting.stderr).to.match(/another deployer held the migration lock/);
        rmSync(lockFile());
    });
});
