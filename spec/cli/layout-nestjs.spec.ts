import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { Client } from "pg";
import ts from "typescript";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { repoRoot, runCli } from "../support/run-cli";

// A NestJS project as its CLI scaffolds it: sources in src/, `nest build` compiling to dist/ with
// comments removed, a data source read by TypeORM's CLI from dist/, settings from .env.
const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "nest-app", private: true }),
    "tsconfig.json": [
        "{",
        '  "compilerOptions": {',
        '    "module": "commonjs",',
        '    "declaration": true,',
        '    "removeComments": true, // as nest new writes it',
        '    "emitDecoratorMetadata": true,',
        '    "experimentalDecorators": true,',
        '    "target": "ES2021",',
        '    "outDir": "./dist",',
        '    "baseUrl": "./",',
        '    "strictNullChecks": false,',
        "  },",
        "}",
    ].join("\n"),
    "src/users/user.entity.ts": [
        'import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";',
        "",
        '@Entity("users")',
        "export class User {",
        "    @PrimaryGeneratedColumn() id: number;",
        "    @Column({ length: 200, unique: true }) email: string;",
        "}",
    ].join("\n"),
    "src/data-source.ts": [
        'import "reflect-metadata";',
        'import { DataSource } from "typeorm";',
        "",
        "process.loadEnvFile(); // dotenv's config(), built into Node",
        "",
        "export default new DataSource({",
        '    type: "postgres",',
        "    url: process.env.DATABASE_URL,",
        '    entities: [__dirname + "/**/*.entity{.ts,.js}"],',
        '    migrations: [__dirname + "/migrations/*{.ts,.js}"],',
        '    migrationsTableName: "nest_migrations",',
        "});",
    ].join("\n"),
};

// Written with TypeORM's own `migration:create`, by hand: no revision header, no .json beside it.
const handWritten = [
    'import { MigrationInterface, QueryRunner } from "typeorm";',
    "",
    "export class SeedRoles1600000000000 implements MigrationInterface {",
    "    public async up(queryRunner: QueryRunner): Promise<void> {",
    '        await queryRunner.query(`CREATE TABLE "role" ("name" varchar PRIMARY KEY)`);',
    "    }",
    "    public async down(queryRunner: QueryRunner): Promise<void> {",
    '        await queryRunner.query(`DROP TABLE "role"`);',
    "    }",
    "}",
].join("\n");

describe("layout: a NestJS-style data source (dotenv, entity and migration globs, migrationsTableName) on PostgreSQL", () => {
    let db: PostgresTestDatabase;
    let cwd: string;
    const ours = (...args: string[]) => runCli(args, { cwd });
    const typeorm = (...args: string[]) => {
        const run = spawnSync(process.execPath, [join(repoRoot, "node_modules", "typeorm", "cli.js"), ...args, "-d", "dist/data-source.js"], {
            cwd,
            encoding: "utf8",
        });
        return { status: run.status, output: run.stdout + run.stderr };
    };
    /** `nest build`: every source to dist/, as tsc with the project's options emits it. */
    const build = () => {
        const walk = (dir: string): string[] =>
            readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
        for (const file of walk(join(cwd, "src")).filter((f) => f.endsWith(".ts"))) {
            const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
                compilerOptions: {
                    module: ts.ModuleKind.CommonJS,
                    target: ts.ScriptTarget.ES2021,
                    experimentalDecorators: true,
                    emitDecoratorMetadata: true,
                    removeComments: true,
                },
            });
            const out = join(cwd, "dist", relative(join(cwd, "src"), file)).replace(/\.ts$/, ".js");
            mkdirSync(dirname(out), { recursive: true });
            writeFileSync(out, outputText);
        }
    };
    const migrationsTable = async () => {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
            const tables = (
                await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
            ).rows.map((r) => r.table_name);
            const names = tables.includes("nest_migrations")
                ? (await client.query<{ name: string }>("SELECT name FROM nest_migrations ORDER BY timestamp")).rows.map((r) => r.name)
                : [];
            return { tables, names };
        } finally {
            await client.end();
        }
    };

    before(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-nest-"));
        for (const [path, text] of Object.entries(files)) {
            mkdirSync(dirname(join(cwd, path)), { recursive: true });
            writeFileSync(join(cwd, path), text);
        }
        writeFileSync(join(cwd, ".env"), `DATABASE_URL=${db.url}\n`);
        symlinkSync(join(repoRoot, "node_modules"), join(cwd, "node_modules"), "dir");
        build();
    });
    after(async () => {
        rmSync(cwd, { recursive: true, force: true });
        await db?.drop();
    });

    it("init -d dist/data-source.js records it; migrations go to the sources, src/migrations", () => {
        const init = ours("init", "-d", "dist/data-source.js");
        expect(init.status, init.stderr).to.equal(0);
        expect(init.stdout).to.include("migrations go to src/migrations/ as .ts files");
        expect(readdirSync(join(cwd, "src", "migrations"))).to.deep.equal([]);
    });

    it("generate writes beside a hand-written TypeORM migration, which our commands leave to TypeORM", () => {
        writeFileSync(join(cwd, "src", "migrations", "1600000000000-seed-roles.ts"), handWritten);
        const generate = ours("generate", "-m", "Initial schema");
        expect(generate.status, generate.stderr).to.equal(0);
        expect(generate.stdout).to.match(/Generated src\/migrations\/\d{13}-initial-schema\.ts/);
        const history = ours("history");
        expect(history.status, history.stderr).to.equal(0);
        expect(history.stdout).to.include("Initial schema");
        expect(history.stdout).not.to.include("SeedRoles");
    });

    it("upgrade records in nest_migrations, and typeorm migration:show lists what we applied", async () => {
        const up = ours("upgrade");
        expect(up.status, up.stderr).to.equal(0);
        build();
        const show = typeorm("migration:show");
        expect(show.output).to.match(/\[ \] SeedRoles1600000000000/);
        expect(show.output).to.match(/\[X\] \d+ InitialSchema\d{13}/);
        const { tables, names } = await migrationsTable();
        expect(tables).to.include.members(["nest_migrations", "users"]);
        expect(tables).not.to.include("migrations");
        expect(names).to.have.length(1);
        expect(names[0]).to.match(/^InitialSchema\d{13}$/);
    });

    it("TypeORM's migration:run runs the hand-written one from dist/; our commands still agree", async () => {
        const run = typeorm("migration:run");
        expect(run.status, run.output).to.equal(0);
        expect(run.output).to.match(/SeedRoles1600000000000 has been\s+executed successfully/);
        expect(typeorm("migration:show").output).to.match(/\[X\] \d+ SeedRoles1600000000000/);
        expect((await migrationsTable()).tables).to.include("role");
        const current = ours("current");
        expect(current.status, current.stderr).to.equal(0);
        expect(current.stdout).to.match(/\(head\), Initial schema/);
        expect(ours("check").status).to.equal(0);
    });
});
