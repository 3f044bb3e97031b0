import { expect } from "chai";
import { analyticsDataSource, handWrittenProject, statement, type HandWrittenProject } from "../support/hand-written-revision";
import { mariadb, mariadbAsMysql, postgres, sqlite, type InterruptibleDatabase, type InterruptibleServer } from "../support/interruptible-servers";
import { startCli, waitUntil } from "../support/start-cli";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

/** How the run is stopped while a statement of the hand-written migration is under way. */
type Interruption = "SIGKILL of the CLI" | "two Ctrl-C" | "the server killing its session" | "a cut TCP connection";

/** Every way on a server; SQLite has no server, and its statements block the signal handlers. */
function interruptionsOn(server: InterruptibleServer): Interruption[] {
    if (server === sqlite) return ["SIGKILL of the CLI"];
    if (server === mariadbAsMysql) return ["the server killing its session"];
    return ["SIGKILL of the CLI", "two Ctrl-C", "the server killing its session", "a cut TCP connection"];
}

const sleepSeconds = 4;

/**
 * A migration without a transaction around it (MariaDB's DDL; PostgreSQL and SQLite with
 * `--transaction none`) is stopped in the middle by a kill or a lost connection, after two of its
 * statements applied. Whatever stops it, the bind must be left visibly dirty, naming the migration
 * and what applied, and `upgrade --resume` must finish it with every row intact.
 */
for (const server of [mariadb, mariadbAsMysql, postgres, sqlite]) {
    const interruptions = interruptionsOn(server);

    describe(`${server.name}: a migration cut off part way leaves the bind dirty, and --resume finishes it`, () => {
        let db: InterruptibleDatabase;
        let project: HandWrittenProject;
        let proxy: TcpProxy | null = null;
        const cli = (...args: string[]) => project.cli(args, db.env());

        beforeEach(async () => {
            db = await server.create();
            project = handWrittenProject(db.env());
            const initial = cli("upgrade", project.initial);
            expect(initial.status, initial.stderr).to.equal(0);
            // Rows a user's database holds, in the tables the earlier migration made.
            await db.query("INSERT INTO page_view (path) VALUES ('/'), ('/about'), ('/blog')");
            await db.query("INSERT INTO daily_count (day, path, views) VALUES ('2026-01-01', '/', 17)");
        });
        afterEach(async () => {
            await proxy?.close();
            proxy = null;
            await db?.drop();
            project?.remove();
        });

        /** Starts `upgrade` (through a proxy when the test cuts the network), waits until `running` starts, and stops it. */
        async function interruptDuring(running: string, how: Interruption) {
            if (how === "a cut TCP connection") proxy = await startTcpProxy(db.host, db.port);
            const run = startCli(["upgrade", "-d", analyticsDataSource("v1"), ...server.upgradeArgs], { cwd: project.cwd, env: db.env(proxy?.port) });
            const session = await underWay(running);
            if (how === "SIGKILL of the CLI") run.child.kill("SIGKILL");
            if (how === "two Ctrl-C") {
                run.child.kill("SIGINT");
                await waitUntil("the first Ctrl-C is heard", async () => run.child.exitCode !== null || (await run.output()).includes("Interrupted"));
                run.child.kill("SIGINT");
            }
            if (how === "the server killing its session") await db.killSession(session as string);
            if (how === "a cut TCP connection") proxy?.cut();
            return run.finished;
        }

        /** Waits until `sql` runs: on a server, its session shows it; in SQLite, the journal has it as started. */
        async function underWay(sql: string): Promise<string | null> {
            let session: string | null = null;
            await waitUntil(`${sql} runs`, async () => {
                if (server.hasServer) return (session = await db.sessionRunning(sql.slice(0, 20))) !== null;
                const started = await db
                    .query(
                        `SELECT state FROM sqlite_master m, typeorm_migrate_dirty d WHERE m.name = 'typeorm_migrate_dirty' AND d.statement = '${sql.replace(/'/g, "''")}'`,
                    )
                    .catch(() => []);
                return started.length > 0;
            });
            // SQLite: the journal row is written just before the statement is sent.
            if (!server.hasServer) await new Promise((resolve) => setTimeout(resolve, 300));
            return session;
        }

        async function expectRowsIntact(): Promise<void> {
            expect((await db.query("SELECT path FROM page_view ORDER BY id")).map((r) => r.path)).to.deep.equal(["/", "/about", "/blog"]);
            expect((await db.query("SELECT views FROM daily_count")).map((r) => Number(r.views))).to.deep.equal([17]);
            expect((await db.query("SELECT id, label FROM t3")).map((r) => [Number(r.id), r.label])).to.deep.equal([[1, "kept"]]);
        }

        async function expectAtHead(): Promise<void> {
            const current = cli("current");
            expect(current.stdout).to.include(`${project.hand} (head)`);
            expect(current.stdout).not.to.include("DIRTY");
            expect(await db.query(server.indexExists("IDX_t3_label"))).to.have.length(1);
            expect(await db.query("SELECT name FROM migrations")).to.have.length(2);
            await expectRowsIntact();
        }

        for (const how of interruptions) {
            it(`${how} during a read: current says DIRTY naming the migration, upgrade refuses, upgrade --resume ends at head`, async () => {
                const sleep = server.sleep(sleepSeconds);
                project.writeHand([
                    statement("CREATE TABLE t3 (id int PRIMARY KEY, label varchar(50))"),
                    statement("INSERT INTO t3 (id, label) VALUES (1, 'kept')"),
                    statement(sleep),
                    statement("CREATE INDEX IDX_t3_label ON t3 (label)"),
                ]);
                const stopped = await interruptDuring(sleep, how);
                if (how === "SIGKILL of the CLI") {
                    expect(stopped.signal).to.equal("SIGKILL");
                } else if (how === "two Ctrl-C") {
                    expect(stopped.status, stopped.stderr).to.equal(130);
                    expect(stopped.stdout).to.include("the bind is marked dirty (see `current`)");
                } else {
                    // The connection dropped under the runner: it says so, naming the migration and what stayed applied.
                    expect(stopped.status, stopped.stderr).to.equal(3);
                    expect(stopped.stderr).to.match(new RegExp(`migration ${project.hand} \\(Hand\\d+\\): lost the connection during SELECT .*\\(a read\\)`));
                    expect(stopped.stderr).to.include("2 statement(s) before it stayed applied and the bind is marked dirty");
                    expect(stopped.stdout).to.match(/stayed applied:\n {2}CREATE TABLE t3 .*\n {2}INSERT INTO t3 /);
                }
                const current = cli("current");
                expect(current.stdout).to.match(
                    new RegExp(`DIRTY: upgrade of ${project.hand} was cut off during SELECT .* \\(a read\\) after 2 statement\\(s\\); migration Hand\\d+`),
                );
                for (const command of ["upgrade", "downgrade"]) {
                    const refused = cli(command);
                    expect(refused.status, `${command}: ${refused.stderr}`).to.equal(2);
                    expect(refused.stderr).to.include(`the database is dirty: upgrade of ${project.hand}`);
                }
                const resumed = cli("upgrade", "--resume", ...server.upgradeArgs);
                expect(resumed.status, resumed.stderr).to.equal(0);
                await expectAtHead();
                expect(await db.query("SELECT name FROM migrations")).to.have.length(2);
            });
        }

        if (server === postgres)
            it("with a transaction around it, the server killing its session rolls it all back: the run says so and the bind stays clean", async () => {
                const sleep = server.sleep(sleepSeconds);
                project.writeHand([
                    statement("CREATE TABLE t3 (id int PRIMARY KEY, label varchar(50))"),
                    statement("INSERT INTO t3 (id, label) VALUES (1, 'kept')"),
                    statement(sleep),
                    statement("CREATE INDEX IDX_t3_label ON t3 (label)"),
                ]);
                const run = startCli(["upgrade", "-d", analyticsDataSource("v1")], { cwd: project.cwd, env: db.env() });
                await db.killSession((await underWay(sleep)) as string);
                const stopped = await run.finished;
                expect(stopped.status, stopped.stderr).to.equal(3);
                expect(stopped.stderr).to.match(new RegExp(`migration ${project.hand} \\(Hand\\d+\\) failed and was rolled back: terminating connection`));
                expect(cli("current").stdout).not.to.include("DIRTY");
                expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 't3'")).to.deep.equal([]);
                const rerun = cli("upgrade");
                expect(rerun.status, rerun.stderr).to.equal(0);
                await expectAtHead();
            });

        // The server ending the session rolls the statement back; a killed client's statement may still complete.
        const writeInterruption: Interruption = server === postgres ? "the server killing its session" : "SIGKILL of the CLI";
        if (server !== mariadbAsMysql)
            it(`${writeInterruption} during a write: resume refuses to guess whether it applied; told what the database shows, it ends at head`, async () => {
                const slowWrite = server.slowWrite("t4", sleepSeconds);
                project.writeHand([
                    statement("CREATE TABLE t3 (id int PRIMARY KEY, label varchar(50))"),
                    statement("INSERT INTO t3 (id, label) VALUES (1, 'kept')"),
                    statement(slowWrite),
                    statement("CREATE INDEX IDX_t3_label ON t3 (label)"),
                ]);
                await interruptDuring(slowWrite, writeInterruption);
                expect(cli("current").stdout).to.match(
                    new RegExp(
                        `DIRTY: upgrade of ${project.hand} was cut off during CREATE TABLE t4 .*, which may or may not have applied, after 2 statement\\(s\\)`,
                    ),
                );
                const guess = cli("upgrade", "--resume");
                expect(guess.status, guess.stderr).to.equal(2);
                expect(guess.stderr).to.match(
                    /the previous run was cut off during CREATE TABLE t4 .*, which may or may not have applied; nothing was run; check the database, then rerun with --resume --in-doubt applied/,
                );
                // The user looks, as the message asks: once the orphaned session is done, the table is there or not.
                if (server.hasServer) await waitUntil("the killed run's session ends", async () => (await db.sessionRunning("CREATE TABLE t4")) === null);
                const t4 = (await db.query("SELECT 1 FROM t4").catch(() => null)) !== null;
                // Both answers are covered: MariaDB finishes a killed client's statement; PostgreSQL's
                // terminated session and SQLite's killed process roll it back.
                expect(t4, "t4 exists").to.equal(server === mariadb);
                const resumed = cli("upgrade", "--resume", "--in-doubt", t4 ? "applied" : "not-applied", ...server.upgradeArgs);
                expect(resumed.status, resumed.stderr).to.equal(0);
                expect(await db.query("SELECT * FROM t4")).to.have.length(1);
                await expectAtHead();
            });
    });
}
