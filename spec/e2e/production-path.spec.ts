import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { createPostgresDatabase } from "../support/databases";
import { mariadbBlogServer, postgresBlogServer, type BlogServer } from "../support/blog-servers";
import { blogDataSourceFile, runCli, type CliRun } from "../support/run-cli";

const withoutTypeScript = ["-r", join(__dirname, "..", "support", "forbid-typescript.js")];
const errorLines = (run: CliRun) => run.stderr.split("\n").filter((line) => line !== "");

/** A project whose migrations are generated from the blog fixture, on a fresh PostgreSQL database. */
function postgresProject() {
    let cwd = "";
    let url = "";
    let drop: () => Promise<void> = async () => undefined;
    const cli = (args: readonly string[], nodeArgs: string[] = []) => runCli(args, { cwd, env: { BLOG_URL: url }, nodeArgs });
    const query = async (sql: string) => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
            return (await client.query(sql)).rows as Record<string, unknown>[];
        } finally {
            await client.end();
        }
    };
    return {
        cli,
        query,
        get cwd() {
            return cwd;
        },
        get url() {
            return url;
        },
        set url(value: string) {
            url = value;
        },
        async create() {
            const db = await createPostgresDatabase();
            cwd = mkdtempSync(join(tmpdir(), "tm-prod-"));
            url = db.url;
            drop = db.drop;
            return db;
        },
        async remove() {
            await drop();
            if (cwd) rmSync(cwd, { recursive: true, force: true });
        },
    };
}

describe("production path: a migration that cannot load stops the run before anything is applied (PostgreSQL)", () => {
    const project = postgresProject();
    const ds = ["-d", blogDataSourceFile("v2")];
    beforeEach(async () => {
        await project.create();
        expect(project.cli(["generate", "-d", blogDataSourceFile("v1"), "-m", "v1"]).status).to.equal(0);
        expect(project.cli(["generate", ...ds, "-m", "v2"]).status).to.equal(0);
    });
    afterEach(() => project.remove());

    const tables = () => project.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");

    it("a .ts migration without TypeScript installed: exit 2, one line, nothing applied, not 'rolled back'", async () => {
        const up = project.cli(["upgrade", ...ds], withoutTypeScript);
        expect(up.status, up.stdout + up.stderr).to.equal(2);
        expect(errorLines(up)).to.have.length(1);
        expect(up.stderr).not.to.match(/rolled back/);
        expect(up.stdout).not.to.match(/Applying/);
        expect(await tables()).to.deep.equal([]);
        const sql = project.cli(["upgrade", "--sql", ...ds], withoutTypeScript);
        expect(sql.status, sql.stderr).to.equal(2);
        expect(sql.stdout).to.equal("");
    });

    it("the second migration throws as it loads: the first is not applied either", async () => {
        const dir = join(project.cwd, "migrations", "default");
        const second = join(
            dir,
            readdirSync(dir)
                .filter((f) => f.endsWith(".ts"))
                .sort()[1],
        );
        writeFileSync(second, readFileSync(second, "utf8").replace(/export class/, 'throw new Error("half-written migration");\nexport class'));
        const up = project.cli(["upgrade", ...ds]);
        expect(up.status, up.stdout + up.stderr).to.equal(2);
        expect(errorLines(up)).to.have.length(1);
        expect(up.stderr)
            .to.match(/cannot load migration .*-v2\.ts: half-written migration/)
            .and.not.match(/rolled back/);
        expect(await tables()).to.deep.equal([]);
    });
});

const servers: readonly BlogServer[] = [postgresBlogServer, mariadbBlogServer];

for (const server of servers) {
    describe(`upgrade on a database whose tables already exist (${server.name}, with rows)`, () => {
        let db: Awaited<ReturnType<BlogServer["create"]>>;
        let cwd: string;
        const cli = (...args: string[]) => runCli(args, { cwd, env: db.env });
        const ds = ["-d", blogDataSourceFile("v1")];
        before(async () => {
            db = await server.create();
            cwd = mkdtempSync(join(tmpdir(), "tm-existing-"));
            const dataSource = blogV1(db.options);
            await dataSource.initialize();
            await dataSource.synchronize();
            await dataSource.query(
                `INSERT INTO ${server.quote("user")} (${server.quote("email")}, ${server.quote("displayName")}) VALUES ('a@example.com', 'A')`,
            );
            await dataSource.destroy();
        });
        after(async () => {
            await db?.drop();
            if (cwd) rmSync(cwd, { recursive: true, force: true });
        });

        it("stops before running with exit 2 and says to adopt it with init --from-db; afterwards the adopted database is at head", async () => {
            expect(cli("init").status).to.equal(0);
            expect(cli("generate", ...ds, "-m", "Initial migration.").status).to.equal(0);
            const up = cli("upgrade", ...ds);
            expect(up.status, up.stdout + up.stderr).to.equal(2);
            expect(errorLines(up)).to.deep.equal([
                "typeorm-migrate: error: the database already has 5 tables user, post, comment, tag, post_tags_tag that the first migration creates, and no migration is recorded; nothing was run; adopt it with `typeorm-migrate init --from-db`",
            ]);
            expect(up.stdout).not.to.match(/Applying/);
            const dataSource = blogV1(db.options);
            await dataSource.initialize();
            try {
                expect(await dataSource.query(`SELECT ${server.quote("email")} AS email FROM ${server.quote("user")}`)).to.deep.equal([
                    { email: "a@example.com" },
                ]);
                expect(await dataSource.createQueryRunner().hasTable("migrations")).to.equal(false);
            } finally {
                await dataSource.destroy();
            }
            rmSync(join(cwd, "migrations"), { recursive: true, force: true });
            const adopt = cli("init", "--from-db", ...ds);
            expect(adopt.status, adopt.stderr).to.equal(0);
            const again = cli("upgrade", ...ds);
            expect(again.status, again.stderr).to.equal(0);
            expect(again.stdout).to.match(/^Already at \w+\.$/m);
        });
    });
}
