import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MigrationsLayoutError } from "../../lib/config/errors";
import { dataSourceLayout, type LayoutContext } from "../../lib/config/migrations-layout";
import { stripJsonComments } from "../../lib/config/tsconfig-dirs";
import type { Op } from "../../lib/diff/ops";
import { migrationSource, renderMigrationFile } from "../../lib/render/migration-file";
import { RevisionStore } from "../../lib/store/revision-store";
import * as model from "../support/model-builders";

describe("migrations layout: where one bind's migrations go, from the DataSource's migrations setting", () => {
    let cwd: string;
    let context: LayoutContext;
    const write = (path: string, text: string) => {
        mkdirSync(join(cwd, path, ".."), { recursive: true });
        writeFileSync(join(cwd, path), text);
    };
    const layout = (migrations: unknown, dataSourceFile = "src/data-source.ts") => {
        const { dir, files } = dataSourceLayout(migrations, { ...context, dataSourceFile: join(cwd, dataSourceFile) });
        return [dir.slice(cwd.length + 1), files.extension, files.module];
    };

    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-layout-"));
        context = { cwd, dataSourceFile: join(cwd, "src", "data-source.ts"), fallback: join(cwd, "migrations", "default") };
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("keeps migrations/default when the DataSource names no migrations, or only classes", () => {
        expect(layout(undefined)).to.deep.equal(["migrations/default", ".ts", "typescript"]);
        expect(layout([class Seed1700000000000 {}])).to.deep.equal(["migrations/default", ".ts", "typescript"]);
    });

    it("takes the first glob's folder, relative to the working directory or absolute, ** matching no folder", () => {
        expect(layout(["src/migrations/*.ts", "src/seeds/*.ts"])).to.deep.equal(["src/migrations", ".ts", "typescript"]);
        expect(layout([`${cwd}/src/db/migrations/**/*.ts`])).to.deep.equal(["src/db/migrations", ".ts", "typescript"]);
        expect(layout({ main: "./db/**/migrations/*.mts" })).to.deep.equal(["db/migrations", ".mts", "typescript"]);
    });

    it("follows the glob's extension, and for {.ts,.js} or none the data source's", () => {
        expect(layout(["src/migrations/*{.ts,.js}"])).to.deep.equal(["src/migrations", ".ts", "typescript"]);
        expect(layout(["migrations/*{.ts,.js}"], "data-source.js")).to.deep.equal(["migrations", ".js", "commonjs"]);
        expect(layout(["migrations/*"], "data-source.js")).to.deep.equal(["migrations", ".js", "commonjs"]);
        expect(layout(["migrations/*.js"], "data-source.js")).to.deep.equal(["migrations", ".js", "commonjs"]);
        expect(layout(["migrations/*.mjs"], "data-source.js")).to.deep.equal(["migrations", ".mjs", "esm"]);
        expect(layout(["migrations/*.cjs"], "data-source.js")).to.deep.equal(["migrations", ".cjs", "commonjs"]);
    });

    it('writes ES modules where the nearest package.json says "type": "module"', () => {
        write("package.json", JSON.stringify({ type: "module" }));
        write("db/package.json", JSON.stringify({ type: "commonjs" }));
        expect(layout(["migrations/*.js"], "data-source.cjs")).to.deep.equal(["migrations", ".js", "esm"]);
        expect(layout(["db/migrations/*.js"], "data-source.cjs")).to.deep.equal(["db/migrations", ".js", "commonjs"]);
    });

    it("maps a glob into tsconfig's outDir back to the sources (NestJS: dist/**/migrations/*.js → src/migrations/*.ts)", () => {
        write("tsconfig.json", '{\n  // NestJS\'s\n  "compilerOptions": { "outDir": "./dist", "baseUrl": "./", /* no rootDir */ },\n}\n');
        mkdirSync(join(cwd, "src"));
        expect(layout(["dist/**/migrations/*.js"], "dist/data-source.js")).to.deep.equal(["src/migrations", ".ts", "typescript"]);
        expect(layout([`${cwd}/dist/db/migrations/*{.ts,.js}`], "dist/db/data-source.js")).to.deep.equal(["src/db/migrations", ".ts", "typescript"]);
        write(
            "dist/migrations/1700000000000-m.js",
            "/**\n * typeorm-migrate revision\n * Revision: abcd1\n * Parents: <base>\n * Bind: default\n * Message: m\n */\nclass M1700000000000 {}\n",
        );
        expect(layout(["dist/**/migrations/*.js"], "dist/data-source.js"), "only the compiled output holds revisions").to.deep.equal([
            "dist/migrations",
            ".js",
            "commonjs",
        ]);
        rmSync(join(cwd, "dist"), { recursive: true });
        write("src/data-source.ts", "");
        expect(layout(["dist/src/migrations/*.js"], "dist/src/data-source.js")).to.deep.equal(["src/migrations", ".ts", "typescript"]);
        write("tsconfig.json", JSON.stringify({ compilerOptions: { outDir: "build", rootDir: "app" } }));
        expect(layout(["build/migrations/*.js"])).to.deep.equal(["app/migrations", ".ts", "typescript"]);
    });

    it("refuses a glob over several folders, and compiled JavaScript of a TypeScript data source with no outDir to map it", () => {
        expect(() => layout(["src/*/migrations/*.ts"])).to.throw(MigrationsLayoutError, /"src\/\*\/migrations\/\*\.ts" spans several folders/);
        expect(() => layout(["dist/migrations/*.js"])).to.throw(MigrationsLayoutError, /names compiled JavaScript, and no tsconfig\.json outDir/);
    });

    it("keeps revisions made before in migrations/default until the DataSource's folder has some", () => {
        write("migrations/default/1700000000000-initial.ts", "");
        write("migrations/default/1700000000000-initial.json", "{}");
        expect(layout(["src/migrations/*.ts"])[0]).to.equal("migrations/default");
        expect(layout(["src/*/migrations/*.ts"])[0]).to.equal("migrations/default");
        write("src/migrations/1700000000001-next.ts", "");
        write("src/migrations/1700000000001-next.json", "{}");
        expect(layout(["src/migrations/*.ts"])[0]).to.equal("src/migrations");
    });

    it("of several globs, takes the first whose folder holds revisions, else the first that names one folder", () => {
        expect(layout(["src/*/migrations/*.ts", "typeorm-migrations/*.ts", "src/migrations/*.ts"])[0]).to.equal("typeorm-migrations");
        write("src/migrations/1700000000001-next.ts", "");
        write("src/migrations/1700000000001-next.json", "{}");
        expect(layout(["src/*/migrations/*.ts", "typeorm-migrations/*.ts", "src/migrations/*.ts"])[0]).to.equal("src/migrations");
    });

    it("reads tsconfig.json's comments and trailing commas without touching strings", () => {
        const text = '{ "a": "http://x/*y*/", // c\n "b": ["x,]", 1,], /* d */ "c": "\\"//", }';
        expect(JSON.parse(stripJsonComments(text))).to.deep.equal({ a: "http://x/*y*/", b: ["x,]", 1], c: '"//' });
    });
});

describe("migration files in JavaScript", () => {
    const op: Op = {
        kind: "addColumn",
        risk: "data-dependent",
        reasons: ["new column"],
        column: model.column({ schema: "public", table: "t", name: "a", type: "integer" }),
    };
    const typescript = renderMigrationFile({
        header: { revision: "abc123", parents: [], bind: "default", message: "m" },
        className: "M1700000000000",
        up: [{ op, statements: [{ sql: 'CREATE INDEX CONCURRENTLY "i" ON "t" ("a")', transactional: false }] }],
        down: [{ op, statements: [{ sql: 'DROP INDEX "i"' }] }],
        upChecks: [{ description: "t.a: NULLs", sql: 'SELECT COUNT(*) AS offending FROM "t" WHERE "a" IS NULL HAVING COUNT(*) > 0' }],
    });
    let dir: string;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-js-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const check = (file: string, text: string) => {
        writeFileSync(join(dir, file), text);
        const run = spawnSync(process.execPath, ["--check", join(dir, file)], { encoding: "utf8" });
        expect(run.status, run.stderr).to.equal(0);
    };

    it("is the TypeScript class without its types, as an ES module or CommonJS, and keeps the header", () => {
        const esm = migrationSource(typescript, "M1700000000000", "esm");
        const cjs = migrationSource(typescript, "M1700000000000", "commonjs");
        check("esm.mjs", esm);
        check("cjs.cjs", cjs);
        for (const text of [esm, cjs]) {
            expect(text).to.include("typeorm-migrate revision\n * Revision: abc123");
            expect(text).to.include("transaction = false;");
            expect(text).to.include("async function checkRows(queryRunner, checks) {");
            expect(text).not.to.match(/: (QueryRunner|string\[\]|unknown|Promise)\b| as const| implements /);
        }
        expect(esm).to.match(/^\/\*\* @typedef .*\n.*\n\n\/\*\*\n \* typeorm-migrate revision/);
        expect(esm).to.include("export class M1700000000000 {");
        expect(cjs).to.match(/^"use strict";\n/);
        expect(cjs).to.include("\nclass M1700000000000 {");
        expect(cjs.endsWith("\nexports.M1700000000000 = M1700000000000;\n")).to.equal(true);
        expect(migrationSource(typescript, "M1700000000000", "typescript")).to.equal(typescript);
    });
});

describe("a migrations folder the build compiles into", () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-store-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const source =
        "/**\n * typeorm-migrate revision\n * Revision: abcd1\n * Parents: <base>\n * Bind: default\n * Message: m\n */\nexport class M1700000000000 {}\n";

    it("takes the compiled .js when it keeps the header, else the source (removeComments drops it)", () => {
        writeFileSync(join(dir, "1700000000000-m.ts"), source);
        writeFileSync(join(dir, "1700000000000-m.js"), '"use strict";\nclass M1700000000000 {}\nexports.M1700000000000 = M1700000000000;\n');
        writeFileSync(join(dir, "1600000000000-typeorm-own.ts"), "export class TypeormOwn1600000000000 {}\n");
        expect(RevisionStore.open(dir).revisions.map((r) => [r.revision, r.file])).to.deep.equal([["abcd1", join(dir, "1700000000000-m.ts")]]);
        writeFileSync(
            join(dir, "1700000000000-m.js"),
            source.replace("export class M1700000000000 {}", "class M1700000000000 {}\nexports.M1700000000000 = M1700000000000;"),
        );
        expect(RevisionStore.open(dir).revisions.map((r) => r.file)).to.deep.equal([join(dir, "1700000000000-m.js")]);
    });
});
