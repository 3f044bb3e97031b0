import { expect } from "chai";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, cliPath, runCli, type CliRun } from "../support/run-cli";

/** Runs the CLI without blocking the test, killed after `deadlineMs`: a lock that is never taken over would hang. */
function startCli(args: readonly string[], cwd: string, env: Record<string, string>, deadlineMs = 60_000): Promise<CliRun> {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...process.env, ...env } });
    const timer = setTimeout(() => child.kill("SIGKILL"), deadlineMs);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
    });
    return new Promise((resolve) =>
        child.on("close", (status) => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr });
        }),
    );
}

/**
 * An empty lock file, or one whose holder line ends in a newline, made every deployer wait forever.
 * A lock left by a dead process is taken over; a live holder is waited for, and a timeout names the
 * lock file and its holder.
 */
describe("CLI: an SQLite lock file left behind", () => {
    let cwd: string;
    let env: Record<string, string>;
    const ds = blogDataSourceFile("v1");
    const lockFile = () => `${env.BLOG_DB}.typeorm-migrate.lock`;
    const deadPid = async () => {
        const child = spawn(process.execPath, ["-e", ""]);
        await new Promise((resolve) => child.on("close", resolve));
        return child.pid as number;
    };
    const applied = (run: CliRun) => run.stdout.match(/^Applying /gm)?.length ?? 0;

    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-sqlite-lock-file-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite") };
        expect(runCli(["generate", "-d", ds, "-m", "blog v1"], { cwd, env }).status).to.equal(0);
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("an empty lock file from a process killed before it wrote its name: upgrade proceeds", async () => {
        writeFileSync(lockFile(), "");
        const then = new Date(Date.now() - 60_000);
        utimesSync(lockFile(), then, then);
        const run = await startCli(["upgrade", "-d", ds], cwd, env);
        expect(run.status, run.stderr).to.equal(0);
        expect(applied(run)).to.equal(1);
        expect(existsSync(lockFile())).to.equal(false);
    });

    it("a dead holder whose line ends in a newline: upgrade proceeds", async () => {
        writeFileSync(lockFile(), `${await deadPid()}@${hostname()}\n`);
        const run = await startCli(["upgrade", "-d", ds], cwd, env);
        expect(run.status, run.stderr).to.equal(0);
        expect(applied(run)).to.equal(1);
        expect(existsSync(lockFile())).to.equal(false);
    });

    it("a live holder (newline or not): the timeout names the lock file and the holder, and nothing runs", async () => {
        for (const line of [`${process.pid}@${hostname()}\n`, `${process.pid}@${hostname()}`]) {
            writeFileSync(lockFile(), line);
            const run = await startCli(["upgrade", "-d", ds, "--lock-timeout", "1"], cwd, env);
            expect(run.status, run.stderr).to.equal(3);
            expect(run.stderr)
                .to.include("another deployer held the migration lock for more than 1 s; nothing was run")
                .and.include(`lock file ${lockFile()}, held by pid ${process.pid} on ${hostname()}`);
            expect(applied(run)).to.equal(0);
            expect(readFileSync(lockFile(), "utf8")).to.equal(line);
        }
    });

    it("several deployers finding the same abandoned lock: exactly one applies, the others wait and find it applied", async () => {
        const dir = join(cwd, "migrations", "default");
        const file = join(dir, readdirSync(dir).find((f) => f.endsWith("-blog-v1.ts")) as string);
        // A slow first statement, so the others arrive while the first one holds the lock.
        writeFileSync(
            file,
            readFileSync(file, "utf8").replace(
                "public async up(queryRunner: QueryRunner): Promise<void> {",
                "public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c`);",
            ),
        );
        writeFileSync(lockFile(), `${await deadPid()}@${hostname()}\n`);
        const runs = await Promise.all(Array.from({ length: 4 }, () => startCli(["upgrade", "-d", ds], cwd, env)));
        expect(runs.map((run) => [run.status, run.stderr])).to.deep.equal(runs.map(() => [0, ""]));
        expect(runs.reduce((sum, run) => sum + applied(run), 0)).to.equal(1);
        expect(existsSync(lockFile())).to.equal(false);
    });
});
