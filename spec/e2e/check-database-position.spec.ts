import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogDataSourceFile, runCli } from "../support/run-cli";

/** `check` compares entities with the head revision; a database that is behind head must not pass for "no changes". */
describe("check says when the database is behind head (PostgreSQL)", () => {
    let db: PostgresTestDatabase;
    let cwd: string;
    const cli = (...args: string[]) => runCli(args, { cwd, env: { BLOG_URL: db.url } });
    const revisions = () => {
        const dir = join(cwd, "migrations", "default");
        return readdirSync(dir)
            .filter((f) => f.endsWith(".ts"))
            .sort()
            .map((f) => /Revision: (\w+)/.exec(readFileSync(join(dir, f), "utf8"))?.[1] as string);
    };
    before(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-check-behind-"));
        expect(cli("generate", "-d", blogDataSourceFile("v1"), "-m", "v1").status).to.equal(0);
        expect(cli("generate", "-d", blogDataSourceFile("v2"), "-m", "v2").status).to.equal(0);
    });
    after(async () => {
        await db?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("before any upgrade: no changes in the entities, and the database is at <base> with 2 migrations not applied", () => {
        const check = cli("check", "-d", blogDataSourceFile("v2"));
        expect(check.status, check.stderr).to.equal(0);
        expect(check.stdout).to.equal(
            `No changes in schema detected.\nThe database is at <base>, behind head ${revisions()[1]} (2 migrations not applied): run typeorm-migrate upgrade\n`,
        );
    });

    it("after a failed upgrade: names where the database stopped; --strict exits 1; --json carries it", () => {
        const [first, second] = revisions();
        const file = join(
            cwd,
            "migrations",
            "default",
            readdirSync(join(cwd, "migrations", "default"))
                .filter((f) => f.endsWith(".ts"))
                .sort()[1],
        );
        const text = readFileSync(file, "utf8");
        writeFileSync(
            file,
            text.replace(
                "public async up(queryRunner: QueryRunner): Promise<void> {",
                'public async up(queryRunner: QueryRunner): Promise<void> {\n        throw new Error("deploy failed");',
            ),
        );
        const up = cli("upgrade", "-d", blogDataSourceFile("v2"));
        expect(up.status, up.stdout + up.stderr).to.equal(3);
        writeFileSync(file, text);
        const check = cli("check", "-d", blogDataSourceFile("v2"));
        expect(check.status, check.stderr).to.equal(0);
        expect(check.stdout).to.equal(
            `No changes in schema detected.\nThe database is at ${first}, behind head ${second} (1 migration not applied): run typeorm-migrate upgrade\n`,
        );
        expect(cli("check", "--strict", "-d", blogDataSourceFile("v2")).status).to.equal(1);
        const json = JSON.parse(cli("check", "--json", "-d", blogDataSourceFile("v2")).stdout) as { binds: { database: unknown }[] };
        expect(json.binds[0].database).to.deep.equal({ at: [first], heads: [second], pending: [second] });
        expect(cli("upgrade", "-d", blogDataSourceFile("v2")).status).to.equal(0);
        const clean = cli("check", "--strict", "-d", blogDataSourceFile("v2"));
        expect(clean.status, clean.stdout + clean.stderr).to.equal(0);
        expect(clean.stdout).to.equal("No changes in schema detected.\n");
    });

    it("a database that cannot be reached: plain check says what it said before, --strict fails", () => {
        const unreachable = { BLOG_URL: db.url.replace(/:\d+\//, ":1/") };
        const check = runCli(["check", "-d", blogDataSourceFile("v2")], { cwd, env: unreachable });
        expect(check.status, check.stderr).to.equal(0);
        expect(check.stdout).to.equal("No changes in schema detected.\n");
        expect(runCli(["check", "--strict", "-d", blogDataSourceFile("v2")], { cwd, env: unreachable }).status).to.equal(3);
    });
});

/** A snapshot replayed from a baseline and the entities list a column's fields in different orders. */
describe("check --verbose after init --from-db prints only real differences (PostgreSQL)", () => {
    let db: PostgresTestDatabase;
    let cwd: string;
    before(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-check-verbose-"));
        const dataSource = blogV1({ ...db.options });
        await dataSource.initialize();
        await dataSource.synchronize();
        await dataSource.destroy();
    });
    after(async () => {
        await db?.drop();
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("no removed line equals an added one once parsed, and each op has its lines", () => {
        const cli = (...args: string[]) => runCli(args, { cwd, env: { BLOG_URL: db.url } });
        expect(cli("init", "--from-db", "-d", blogDataSourceFile("v1")).status).to.equal(0);
        const check = cli("check", "--verbose", "-d", blogDataSourceFile("v2"));
        expect(check.status, check.stderr).to.equal(1);
        const entries = (sign: string) =>
            check.stdout
                .split("\n")
                .filter((line) => line.startsWith(sign) && !line.startsWith(sign.repeat(3)) && line.slice(1).trim().startsWith("{"))
                .map((line) => JSON.stringify(JSON.parse(line.slice(1).trim().replace(/,$/, ""), (_key, value: unknown) => value)));
        const canonical = (json: string) => JSON.stringify(sortKeys(JSON.parse(json)));
        const removed = new Set(entries("-").map(canonical));
        const added = entries("+").map(canonical);
        expect(added.filter((entry) => removed.has(entry))).to.deep.equal([]);
        // 13 ops: a changed enum, a table with 3 columns, its key and 2 foreign keys, 4 columns added, 3 changed, 2 indexes.
        expect(removed.size + added.length).to.equal(21);
        expect(check.stdout).to.match(/^\+ {4}\{"schema":"public","table":"user","name":"bio",/m);
    });
});

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
        Object.keys(value)
            .sort()
            .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
}
