import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { blogDataSourceFile, distRoot, repoRoot, runCli } from "../support/run-cli";

/**
 * TypeORM's own CLI and ours on the same SQLite database: each sees what the other applied.
 * The migrations are compiled to .js as a user's build would, which also shows that compiled
 * migrations run without TypeScript.
 */
describe("interop with TypeORM's own migration:run / migration:show / migration:revert", () => {
    let cwd: string;
    let dataSourceFile: string;
    const database = () => join(cwd, "blog.sqlite");
    const ours = (...args: string[]) => runCli(args, { cwd, env: { BLOG_DB: database() } });
    const typeorm = (...args: string[]) => {
        const result = spawnSync(process.execPath, [join(repoRoot, "node_modules", "typeorm", "cli.js"), ...args, "-d", dataSourceFile], {
            cwd,
            encoding: "utf8",
        });
        return { status: result.status, output: result.stdout + result.stderr };
    };
    const compileMigrations = () => {
        const dir = join(cwd, "migrations", "default");
        for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
            const output = ts.transpileModule(readFileSync(join(dir, file), "utf8"), {
                compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
            });
            writeFileSync(join(dir, file.replace(/\.ts$/, ".js")), output.outputText);
        }
    };
    const revisionOf = (pattern: RegExp) => {
        const dir = join(cwd, "migrations", "default");
        const file = readdirSync(dir).find((f) => pattern.test(f) && f.endsWith(".ts")) as string;
        return /Revision: (\w+)/.exec(readFileSync(join(dir, file), "utf8"))?.[1] as string;
    };

    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-interop-"));
        dataSourceFile = join(cwd, "typeorm-data-source.js");
        writeFileSync(
            dataSourceFile,
            [
                `const { blogDataSource } = require(${JSON.stringify(join(distRoot, "fixtures", "blog", "v2"))});`,
                `module.exports = { default: blogDataSource({ type: "better-sqlite3", database: ${JSON.stringify(join(cwd, "blog.sqlite"))},`,
                `    migrations: [${JSON.stringify(join(cwd, "migrations", "default", "*.js"))}], migrationsTableName: "schema_history" }) };`,
            ].join("\n"),
        );
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("typeorm migration:run applies a generated migration, and typeorm-migrate current sees it", () => {
        expect(ours("init").status).to.equal(0);
        expect(ours("generate", "-d", blogDataSourceFile("v1"), "-m", "Initial migration.").status).to.equal(0);
        compileMigrations();
        const run = typeorm("migration:run");
        expect(run.status, run.output).to.equal(0);
        expect(run.output).to.match(/InitialMigration\d{13} has been\s+executed successfully/);
        const current = ours("current", "-d", dataSourceFile);
        expect(current.status, current.stderr).to.equal(0);
        expect(current.stdout).to.include(`${revisionOf(/initial-migration/)} (head), Initial migration.`);
    });

    it("typeorm-migrate upgrade runs compiled migrations without TypeScript, records in the same table, and typeorm migration:show agrees", () => {
        expect(ours("generate", "-d", blogDataSourceFile("v2"), "-m", "Added new fields").status).to.equal(0);
        compileMigrations();
        const withoutTypeScript = ["-r", join(__dirname, "..", "support", "forbid-typescript.js")];
        const up = runCli(["upgrade", "-d", dataSourceFile], { cwd, env: { BLOG_DB: database() }, nodeArgs: withoutTypeScript });
        expect(up.status, up.stderr).to.equal(0);
        const show = typeorm("migration:show");
        expect(show.output).to.match(/\[X\] \d+ InitialMigration\d{13}/);
        expect(show.output).to.match(/\[X\] \d+ AddedNewFields\d{13}/);
    });

    it("typeorm migration:revert undoes our last migration, and current follows", () => {
        const revert = typeorm("migration:revert");
        expect(revert.status, revert.output).to.equal(0);
        const current = ours("current", "-d", dataSourceFile);
        expect(current.stdout).to.include(`${revisionOf(/initial-migration/)}, Initial migration.`);
        expect(current.stdout).not.to.include("(head)");
    });
});
