import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import ts from "typescript";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { blogDataSource as blogV1 } from "../../fixtures/blog/v1";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogDataSourceFile, distRoot, repoRoot, runCli } from "../support/run-cli";

// A TypeORM project's own migrations, as its runner recorded them before the database was adopted.
class SeedAdmin1700000000000 implements MigrationInterface {
    name = "SeedAdmin1700000000000";
    async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`INSERT INTO "user" ("email", "displayName") VALUES ('admin@example.com', 'Admin')`);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "user"`);
    }
}
class RenameAdmin1700000100000 implements MigrationInterface {
    name = "RenameAdmin1700000100000";
    async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "user" SET "displayName" = 'Administrator'`);
    }
    async down(): Promise<void> {}
}

/** The same two migrations as compiled files TypeORM's CLI finds by glob. */
const typeormMigrationFiles: Record<string, string> = {
    "1700000000000-seed-admin.js": `exports.SeedAdmin1700000000000 = class SeedAdmin1700000000000 {
    constructor() { this.name = "SeedAdmin1700000000000"; }
    async up(q) { await q.query(\`INSERT INTO "user" ("email", "displayName") VALUES ('admin@example.com', 'Admin')\`); }
    async down(q) { await q.query('DELETE FROM "user"'); }
};\n`,
    "1700000100000-rename-admin.js": `exports.RenameAdmin1700000100000 = class RenameAdmin1700000100000 {
    constructor() { this.name = "RenameAdmin1700000100000"; }
    async up(q) { await q.query(\`UPDATE "user" SET "displayName" = 'Administrator'\`); }
    async down() {}
};\n`,
};

/**
 * `init --from-db` on a database TypeORM's runner had migrated; then a new database built by our
 * runner from the baseline must look applied to TypeORM's runner too, or `migration:run` would run
 * the old migrations again on a schema that already has what they did.
 */
describe("a baseline's adopted TypeORM migrations on a new database (PostgreSQL, TypeORM's own CLI)", () => {
    let adopted: PostgresTestDatabase;
    let fresh: PostgresTestDatabase;
    let cwd: string;
    const ours = (url: string, ...args: string[]) => runCli(args, { cwd, env: { BLOG_URL: url } });
    const typeorm = (...args: string[]) => {
        const result = spawnSync(process.execPath, [join(repoRoot, "node_modules", "typeorm", "cli.js"), ...args, "-d", join(cwd, "typeorm-data-source.js")], {
            cwd,
            encoding: "utf8",
            env: { ...process.env, BLOG_URL: fresh.url },
        });
        return { status: result.status, output: result.stdout + result.stderr };
    };
    const query = async (sql: string) => {
        const client = new Client({ connectionString: fresh.url });
        await client.connect();
        try {
            return (await client.query(sql)).rows as Record<string, unknown>[];
        } finally {
            await client.end();
        }
    };
    const recordedNames = async () => (await query(`SELECT name FROM migrations ORDER BY name`)).map((row) => row.name);

    before(async () => {
        [adopted, fresh] = await Promise.all([createPostgresDatabase(), createPostgresDatabase()]);
        cwd = mkdtempSync(join(tmpdir(), "tm-adopted-"));
        const dataSource = blogV1({ ...adopted.options, migrations: [SeedAdmin1700000000000, RenameAdmin1700000100000] });
        await dataSource.initialize();
        await dataSource.synchronize();
        await dataSource.runMigrations();
        // Older ones whose files the project has since deleted: enough names that `current` summarizes them.
        for (const n of [1, 2, 3]) await dataSource.query(`INSERT INTO migrations ("timestamp", name) VALUES (160000000000${n}, 'Legacy160000000000${n}')`);
        await dataSource.destroy();
        const adopt = ours(adopted.url, "init", "--from-db", "-d", blogDataSourceFile("v1"));
        expect(adopt.status, adopt.stderr).to.equal(0);
        // What a build step makes of the project: TypeORM's migrations and the baseline as .js.
        mkdirSync(join(cwd, "typeorm-migrations"));
        for (const [file, text] of Object.entries(typeormMigrationFiles)) writeFileSync(join(cwd, "typeorm-migrations", file), text);
        const dir = join(cwd, "migrations", "default");
        for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
            const output = ts.transpileModule(readFileSync(join(dir, file), "utf8"), {
                compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
            });
            writeFileSync(join(dir, file.replace(/\.ts$/, ".js")), output.outputText);
        }
        writeFileSync(
            join(cwd, "typeorm-data-source.js"),
            [
                `const { blogDataSource } = require(${JSON.stringify(join(distRoot, "fixtures", "blog", "v1"))});`,
                `module.exports = { default: blogDataSource({ type: "postgres", url: process.env.BLOG_URL,`,
                `    migrations: [${JSON.stringify(join(cwd, "typeorm-migrations", "*.js"))}, ${JSON.stringify(join(dir, "*.js"))}] }) };`,
            ].join("\n"),
        );
    });
    after(async () => {
        await Promise.all([adopted?.drop(), fresh?.drop()]);
        if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    it("upgrade records them with the baseline, so TypeORM's migration:run has nothing to run", async () => {
        const up = ours(fresh.url, "upgrade", "-d", blogDataSourceFile("v1"));
        expect(up.status, up.stdout + up.stderr).to.equal(0);
        expect(await recordedNames()).to.deep.equal([
            "BaselineOfTheExistingDatabase" + /\d{13}/.exec(up.stdout)?.[0],
            "Legacy1600000000001",
            "Legacy1600000000002",
            "Legacy1600000000003",
            "RenameAdmin1700000100000",
            "SeedAdmin1700000000000",
        ]);
        const show = typeorm("migration:show");
        expect(show.output)
            .to.match(/\[X\] \d+ SeedAdmin1700000000000/)
            .and.match(/\[X\] \d+ RenameAdmin1700000100000/)
            .and.match(/\[X\] \d+ BaselineOfTheExistingDatabase\d{13}/);
        const run = typeorm("migration:run");
        expect(run.status, run.output).to.equal(0);
        expect(run.output).to.match(/No migrations are pending/);
        expect(await query(`SELECT email FROM "user"`)).to.deep.equal([]);
        const current = ours(fresh.url, "current", "-d", blogDataSourceFile("v1"));
        expect(current.stdout).to.match(
            /\(head\), Baseline of the existing database\nOn top of adopted TypeORM migrations: 5 migrations, Legacy1600000000001 … RenameAdmin1700000100000 \(--verbose lists them\)\n$/,
        );
        expect(ours(fresh.url, "current", "--verbose", "-d", blogDataSourceFile("v1")).stdout).to.include(
            "On top of adopted TypeORM migrations: Legacy1600000000001, Legacy1600000000002, Legacy1600000000003, SeedAdmin1700000000000, RenameAdmin1700000100000\n",
        );
    });

    it("downgrade base removes them with the baseline; --sql prints their rows with it", async () => {
        const down = ours(fresh.url, "downgrade", "base", "-d", blogDataSourceFile("v1"));
        expect(down.status, down.stdout + down.stderr).to.equal(0);
        expect(await recordedNames()).to.deep.equal([]);
        expect(typeorm("migration:show").output).to.match(/\[ \] SeedAdmin1700000000000/);
        const sql = ours(fresh.url, "upgrade", "--sql", "-d", blogDataSourceFile("v1"));
        expect(sql.status, sql.stderr).to.equal(0);
        expect(sql.stdout).to.match(/INSERT INTO "migrations"\("timestamp", "name"\) VALUES \(1700000000000, 'SeedAdmin1700000000000'\)/);
    });
});
