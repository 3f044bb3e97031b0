import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource, MigrationInterface, QueryRunner } from "typeorm";
import type { FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { blogDataSource as blogV2 } from "../../fixtures/blog/v2";
import { parseDelta } from "../../lib/store/delta-file";
import { createMysqlDatabase, createPostgresDatabase } from "../support/databases";
import { mariadbBlogServer, postgresBlogServer, sqliteBlogServer, type BlogServer } from "../support/blog-servers";
import { blogConfigFile, blogDataSourceFile, repoRoot, runCli } from "../support/run-cli";

const servers: readonly BlogServer[] = [postgresBlogServer, mariadbBlogServer, sqliteBlogServer];

// Two migrations of the kind a TypeORM project already has: data changes, recorded by TypeORM's runner.
class SeedAdmin1700000000000 implements MigrationInterface {
    name = "SeedAdmin1700000000000";
    async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(
            `INSERT INTO ${quoteFor(queryRunner)("user")} (${quoteFor(queryRunner)("email")}, ${quoteFor(queryRunner)("displayName")}) VALUES ('admin@example.com', 'Admin')`,
        );
    }
    async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM ${quoteFor(queryRunner)("user")}`);
    }
}
class RenameAdmin1700000100000 implements MigrationInterface {
    name = "RenameAdmin1700000100000";
    async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE ${quoteFor(queryRunner)("user")} SET ${quoteFor(queryRunner)("displayName")} = 'Administrator'`);
    }
    async down(): Promise<void> {}
}
function quoteFor(queryRunner: QueryRunner): (name: string) => string {
    return (name) => queryRunner.connection.driver.escape(name);
}

for (const server of servers) {
    describe(`adopting, drift and verify on ${server.name}`, () => {
        let db: Awaited<ReturnType<BlogServer["create"]>>;
        let cwd: string;
        const cli = (...args: string[]) => runCli(args, { cwd, env: db.env });
        const ds = (version: "v1" | "v2" | "v3") => ["-d", blogDataSourceFile(version)];
        const dir = () => join(cwd, "migrations", "default");
        const withDataSource = async <T>(build: (options: FixtureDataSourceOptions) => DataSource, work: (ds: DataSource) => Promise<T>) => {
            const dataSource = build(db.options);
            await dataSource.initialize();
            try {
                return await work(dataSource);
            } finally {
                await dataSource.destroy();
            }
        };

        beforeEach(async () => {
            db = await server.create();
            cwd = mkdtempSync(join(tmpdir(), "tm-dbcmd-"));
        });
        afterEach(async () => {
            await db?.drop();
            if (cwd) rmSync(cwd, { recursive: true, force: true });
        });

        it("check --db finds a column added by hand, and generate --from-db drops it where generate does not", async () => {
            expect(cli("generate", ...ds("v1"), "-m", "v1").status).to.equal(0);
            expect(cli("upgrade", ...ds("v1")).status).to.equal(0);
            const clean = cli("check", "--db", ...ds("v1"));
            expect(clean.status, clean.stdout + clean.stderr).to.equal(0);
            expect(clean.stdout).to.match(/No drift: the database matches the snapshot of \w+\./);
            await withDataSource(blogV1, (d) => d.query(`ALTER TABLE ${server.quote("post")} ADD COLUMN ${server.quote("hand_made")} integer`));
            const drift = cli("check", "--db", ...ds("v1"));
            expect(drift.status).to.equal(1);
            expect(drift.stdout)
                .to.match(/differs from the snapshot of \w+ in 1 place/)
                .and.match(/addColumn: column post\.hand_made is new/);
            const json = JSON.parse(cli("check", "--db", "--json", ...ds("v1")).stdout) as { binds: { drift: { kind: string }[] }[] };
            expect(json.binds[0].drift.map((d) => d.kind)).to.deep.equal(["addColumn"]);
            const fromDb = cli("generate", "--from-db", "--no-renames", "--dry-run", ...ds("v2"), "-m", "v2");
            expect(fromDb.status, fromDb.stderr).to.equal(0);
            expect(fromDb.stdout).to.include("hand_made");
            expect(cli("generate", "--dry-run", ...ds("v2"), "-m", "v2").stdout).not.to.include("hand_made");
        });

        it("init --from-db adopts a synchronize()d database with TypeORM migrations; the next generate holds only the model change", async () => {
            await withDataSource(
                (options) => blogV1({ ...options, migrations: [SeedAdmin1700000000000, RenameAdmin1700000100000] }),
                async (d) => {
                    await d.synchronize();
                    await d.runMigrations();
                },
            );
            const adopt = cli("init", "--from-db", ...ds("v1"));
            expect(adopt.status, adopt.stderr).to.equal(0);
            expect(adopt.stdout).to.match(/from the live database and stamped it there; it stands on 2 TypeORM migration\(s\) already recorded/);
            const history = cli("history");
            expect(history.stdout).to.match(
                /Baseline of the existing database\n {4}on top of TypeORM migration RenameAdmin1700000100000\n {4}on top of TypeORM migration SeedAdmin1700000000000/,
            );
            const check = cli("check", ...ds("v1"));
            expect(check.status, check.stdout).to.equal(0);
            expect(cli("check", "--db", ...ds("v1")).status).to.equal(0);
            expect(cli("generate", ...ds("v2"), "-m", "Added new fields").status).to.equal(0);
            // The same change generated from the entities' own v1 snapshot, for comparison.
            const reference = mkdtempSync(join(tmpdir(), "tm-dbcmd-ref-"));
            try {
                expect(runCli(["generate", ...ds("v1"), "-m", "v1"], { cwd: reference, env: db.env }).status).to.equal(0);
                expect(runCli(["generate", ...ds("v2"), "-m", "v2"], { cwd: reference, env: db.env }).status).to.equal(0);
                const opsOf = (folder: string) => {
                    const files = readdirSync(folder)
                        .filter((f) => f.endsWith(".json"))
                        .sort();
                    return parseDelta(readFileSync(join(folder, files[files.length - 1]), "utf8"), "delta").ops;
                };
                expect(opsOf(dir())).to.deep.equal(opsOf(join(reference, "migrations", "default")));
            } finally {
                rmSync(reference, { recursive: true, force: true });
            }
            const up = cli("upgrade", ...ds("v2"));
            expect(up.status, up.stderr).to.equal(0);
            expect(up.stdout.match(/^Applying /gm)).to.have.length(1);
            expect(cli("check", "--db", ...ds("v2")).status).to.equal(0);
            const rows = await withDataSource(blogV2, (d) =>
                d.query<{ name: string }[]>(`SELECT ${server.quote("displayName")} AS name FROM ${server.quote("user")}`),
            );
            expect(rows).to.deep.equal([{ name: "Administrator" }]);
        });

        it("verify passes on a good chain and names the revision a hand edit broke", async () => {
            for (const version of ["v1", "v2", "v3"] as const)
                expect(cli("generate", ...ds(version), "-m", `blog ${version}`, "--rev-id", `blog000${version.slice(1)}`).status).to.equal(0);
            const good = cli("verify", ...ds("v3"));
            expect(good.status, good.stdout + good.stderr).to.equal(0);
            expect(good.stdout).to.match(/Verified 3 revision\(s\) up and down on \S+: each leaves the schema its snapshot describes\./);
            const file = join(dir(), readdirSync(dir()).find((f) => f.endsWith("-blog-v2.ts")) as string);
            writeFileSync(
                file,
                readFileSync(file, "utf8").replace(
                    "public async down(queryRunner: QueryRunner): Promise<void> {",
                    "public async down(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(`CREATE TABLE hand_made (id integer)`);",
                ),
            );
            const bad = cli("verify", ...ds("v3"));
            expect(bad.status).to.equal(1);
            expect(bad.stdout)
                .to.match(/the downgrade from blog0002 \(BlogV2\d{13}\) leaves a schema other than its snapshot describes/)
                .and.include("hand_made");
        });
    });
}

describe("verify on the committed samples", () => {
    it("migrations-sample/two-binds (PostgreSQL + MariaDB) and migrations-sample/sqlite pass", async () => {
        const [pg, maria] = await Promise.all([createPostgresDatabase(), createMysqlDatabase()]);
        const cwd = mkdtempSync(join(tmpdir(), "tm-verify-samples-"));
        try {
            const env = {
                BLOG_URL: pg.url,
                ANALYTICS_URL: `mariadb://${maria.options.username}${maria.options.password ? `:${maria.options.password}` : ""}@${maria.options.host}:${maria.options.port}/${maria.name}`,
                BLOG_DB: join(cwd, "blog.sqlite"),
            };
            const twoBinds = runCli(["verify", "-c", blogConfigFile("v3"), "--dir", join(repoRoot, "migrations-sample", "two-binds")], { cwd, env });
            expect(twoBinds.status, twoBinds.stdout + twoBinds.stderr).to.equal(0);
            expect(twoBinds.stdout)
                .to.match(/^\[default\] Verified 3 revision\(s\)/m)
                .and.match(/^\[analytics\] Verified 2 revision\(s\)/m);
            const sqlite = runCli(["verify", "-d", blogDataSourceFile("v3"), "--dir", join(repoRoot, "migrations-sample", "sqlite")], {
                cwd,
                env: { BLOG_DB: env.BLOG_DB },
            });
            expect(sqlite.status, sqlite.stdout + sqlite.stderr).to.equal(0);
            expect(sqlite.stdout).to.match(/^Verified 3 revision\(s\)/m);
        } finally {
            rmSync(cwd, { recursive: true, force: true });
            await Promise.all([pg.drop(), maria.drop()]);
        }
    });
});
