import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { distRoot, repoRoot, runCli } from "../support/run-cli";

/**
 * A project whose DataSource names its migrations: `typeorm-migrate` writes there, in the
 * project's language and module format, and TypeORM's own `migration:run` / `migration:show` use
 * the same files and the same migrations table (SQLite; the blog fixture's entities).
 */
function project(files: Record<string, string>) {
    const cwd = mkdtempSync(join(tmpdir(), "tm-layout-cli-"));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(cwd, path)), { recursive: true });
        writeFileSync(join(cwd, path), text);
    }
    const env = (version: string) => ({ BLOG_VERSION: version });
    return {
        cwd,
        ours: (version: string, ...args: string[]) => runCli(args, { cwd, env: env(version) }),
        typeorm: (version: string, dataSource: string, ...args: string[]) => {
            const run = spawnSync(process.execPath, [join(repoRoot, "node_modules", "typeorm", "cli.js"), ...args, "-d", dataSource], {
                cwd,
                encoding: "utf8",
                env: { ...process.env, ...env(version) },
            });
            return { status: run.status, output: run.stdout + run.stderr };
        },
        files: (dir: string) => (existsSync(join(cwd, dir)) ? readdirSync(join(cwd, dir)).sort() : []),
        read: (path: string) => readFileSync(join(cwd, path), "utf8"),
        remove: () => rmSync(cwd, { recursive: true, force: true }),
    };
}

/** A CommonJS data source file: the blog at $BLOG_VERSION, its migrations where `glob` says. */
function blogDataSourceSource(glob: string): string {
    return [
        `const { blogDataSource } = require(${JSON.stringify(join(distRoot, "fixtures", "blog"))} + "/" + (process.env.BLOG_VERSION || "v1"));`,
        `module.exports = { default: blogDataSource({ type: "better-sqlite3", database: "blog.sqlite",`,
        `    migrations: [${JSON.stringify(glob)}], migrationsTableName: "schema_history" }) };`,
        "",
    ].join("\n");
}

describe("layout: a JavaScript (CommonJS) project whose DataSource names db/migrations/*.js", () => {
    const p = project({ "package.json": JSON.stringify({ name: "app" }), "data-source.js": blogDataSourceSource("db/migrations/*.js") });
    after(() => p.remove());

    it("init -d records the data source and creates its migrations folder", () => {
        const init = p.ours("v1", "init", "-d", "data-source.js");
        expect(init.status, init.stderr).to.equal(0);
        expect(init.stdout).to.include("Recorded data-source.js in typeorm-migrate.config.json; migrations go to db/migrations/ as .js files");
        expect(JSON.parse(p.read("typeorm-migrate.config.json"))).to.deep.equal({ binds: { default: "data-source.js" } });
        expect(p.files("db/migrations")).to.deep.equal([]);
        expect(existsSync(join(p.cwd, "migrations"))).to.equal(false);
    });

    it("generate without -d or -m writes a CommonJS class and its .json there, and TypeORM's migration:run runs it", () => {
        const generate = p.ours("v1", "generate");
        expect(generate.status, generate.stderr).to.equal(0);
        expect(generate.stdout).to.match(/Generated db\/migrations\/\d{13}-auto\.js/);
        const [json, js] = p.files("db/migrations");
        expect([json, js].map((f) => f.replace(/^\d{13}/, "T"))).to.deep.equal(["T-auto.js", "T-auto.json"].sort());
        const source = p.read(`db/migrations/${p.files("db/migrations").find((f) => f.endsWith(".js"))}`);
        expect(source).to.match(/^"use strict";/);
        expect(source).to.match(/\nclass Auto\d{13} \{\n {4}name = "Auto\d{13}";/);
        expect(source).to.match(/\nexports\.Auto\d{13} = Auto\d{13};\n$/);
        const run = p.typeorm("v1", "data-source.js", "migration:run");
        expect(run.status, run.output).to.equal(0);
        expect(run.output).to.match(/Auto\d{13} has been\s+executed successfully/);
        const current = p.ours("v1", "current");
        expect(current.status, current.stderr).to.equal(0);
        expect(current.stdout).to.match(/\(head\), auto/);
    });

    it("upgrade runs our JavaScript migrations, recorded where typeorm migration:show sees them", () => {
        expect(p.ours("v2", "generate", "-m", "Added new fields").status).to.equal(0);
        const up = p.ours("v2", "upgrade");
        expect(up.status, up.stderr).to.equal(0);
        const show = p.typeorm("v2", "data-source.js", "migration:show");
        expect(show.output).to.match(/\[X\] \d+ Auto\d{13}/);
        expect(show.output).to.match(/\[X\] \d+ AddedNewFields\d{13}/);
        expect(p.ours("v2", "check").status).to.equal(0);
    });

    it("revision without -m twice writes two empty migrations that do not collide", () => {
        expect(p.ours("v2", "revision").status).to.equal(0);
        expect(p.ours("v2", "revision").status).to.equal(0);
        const empty = p.files("db/migrations").filter((f) => f.endsWith("-empty.js"));
        expect(empty).to.have.length(2);
        const classes = empty.map((f) => /class (Empty\d{13})/.exec(p.read(`db/migrations/${f}`))?.[1]);
        expect(new Set(classes).size).to.equal(2);
        expect(p.ours("v2", "heads").stdout.trim().split("\n")).to.have.length(1);
    });

    it("-d on a later command wins over the recorded data source", () => {
        writeFileSync(join(p.cwd, "other-data-source.js"), blogDataSourceSource("other/*.js"));
        const dry = p.ours("v2", "generate", "-d", "other-data-source.js", "--dry-run");
        expect(dry.status, dry.stderr).to.equal(0);
        expect(dry.stdout).to.match(/\nclass Auto\d{13} \{/);
        expect(dry.stdout).to.include("CREATE TABLE");
    });
});

describe('layout: an ES module project ("type": "module")', () => {
    const p = project({
        "package.json": JSON.stringify({ name: "app", type: "module" }),
        "data-source.cjs": blogDataSourceSource("migrations/*.js"),
        "tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: "src", module: "nodenext" } }),
        "dist/data-source.cjs": blogDataSourceSource("dist/migrations/*.js"),
        "esm/data-source.js": [
            'import { createRequire } from "node:module";',
            "const require = createRequire(import.meta.url);",
            blogDataSourceSource("esm/migrations/*.js")
                .replace("module.exports = { default: ", "export default ")
                .replace(/\}\) \};\n$/, "});\n"),
        ].join("\n"),
    });
    after(() => p.remove());

    it("JavaScript migrations are ES module classes that TypeORM's migration:run imports", () => {
        const generate = p.ours("v1", "generate", "-d", "data-source.cjs", "-m", "Initial migration.");
        expect(generate.status, generate.stderr).to.equal(0);
        const file = p.files("migrations").find((f) => f.endsWith(".js")) as string;
        expect(p.read(`migrations/${file}`)).to.match(/\nexport class InitialMigration\d{13} \{/);
        const run = p.typeorm("v1", "data-source.cjs", "migration:run");
        expect(run.status, run.output).to.equal(0);
        expect(run.output).to.match(/InitialMigration\d{13} has been\s+executed successfully/);
        expect(p.ours("v1", "current", "-d", "data-source.cjs").stdout).to.match(/\(head\), Initial migration\./);
    });

    it("an ES module data source: our upgrade and downgrade run the ESM migrations, and migration:show agrees", () => {
        rmSync(join(p.cwd, "blog.sqlite"), { force: true });
        expect(p.ours("v1", "generate", "-d", "esm/data-source.js").status).to.equal(0);
        expect(p.ours("v2", "generate", "-d", "esm/data-source.js", "-m", "Added new fields").status).to.equal(0);
        expect(
            p
                .files("esm/migrations")
                .filter((f) => f.endsWith(".js"))
                .map((f) => /export class (\w+?)\d{13} \{/.exec(p.read(`esm/migrations/${f}`))?.[1]),
        ).to.deep.equal(["Auto", "AddedNewFields"]);
        const up = p.ours("v2", "upgrade", "-d", "esm/data-source.js");
        expect(up.status, up.stderr).to.equal(0);
        const down = p.ours("v2", "downgrade", "-d", "esm/data-source.js");
        expect(down.status, down.stderr).to.equal(0);
        const show = p.typeorm("v2", "esm/data-source.js", "migration:show");
        expect(show.output).to.match(/\[X\] \d+ Auto\d{13}/);
        expect(show.output).to.match(/\[ \] AddedNewFields\d{13}/);
    });

    it("TypeScript migrations (a glob into tsconfig's outDir: sources in src/migrations) compile to ES modules TypeORM runs", () => {
        rmSync(join(p.cwd, "blog.sqlite"), { force: true });
        const generate = p.ours("v1", "generate", "-d", "dist/data-source.cjs");
        expect(generate.status, generate.stderr).to.equal(0);
        expect(generate.stdout).to.match(/Generated src\/migrations\/\d{13}-auto\.ts/);
        mkdirSync(join(p.cwd, "dist", "migrations"));
        for (const file of p.files("src/migrations").filter((f) => f.endsWith(".ts"))) {
            const { outputText } = ts.transpileModule(p.read(`src/migrations/${file}`), {
                compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
            });
            writeFileSync(join(p.cwd, "dist", "migrations", file.replace(/\.ts$/, ".js")), outputText);
        }
        const run = p.typeorm("v1", "dist/data-source.cjs", "migration:run");
        expect(run.status, run.output).to.equal(0);
        expect(run.output).to.match(/Auto\d{13} has been\s+executed successfully/);
        expect(p.ours("v1", "current", "-d", "dist/data-source.cjs").stdout).to.match(/\(head\), auto/);
    });
});
