import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DataSource } from "typeorm";
import { readSchema } from "../../lib/entities/read-schema";
import { ForeignTypeormCopyError, majorOf, UnsupportedTypeormVersionError } from "../../lib/typeorm";
import { blogDataSourceFile, repoRoot, runCli } from "../support/run-cli";
import { blogVersions } from "../../fixtures/blog/versions";

// Which TypeORM this process resolves `typeorm` to: 1.x in the first test run, 0.3 in the second.
const entry = require.resolve("typeorm");
const inUse = (JSON.parse(readFileSync(join(dirname(entry), "package.json"), "utf8")) as { version: string }).version;
const running03 = inUse.startsWith("0.3.");
const otherCopy = join(repoRoot, ...(running03 ? [] : ["compat", "typeorm-0.3"]), "node_modules", "typeorm");

describe("TypeORM copies and versions", () => {
    it(`the copy this run means is the one in use (${running03 ? "0.3" : "1.x"})`, () => {
        expect(majorOf(inUse)).to.equal(running03 ? "0.3" : "1");
    });

    it("a schema read from the entities records the version of the copy that built it", async () => {
        const schema = await readSchema(blogVersions[0].dataSource({ type: "better-sqlite3", database: ":memory:" }));
        expect(schema.typeormVersion).to.equal(inUse);
    });

    it("generate records that version in the revision's schema file", () => {
        const cwd = mkdtempSync(join(tmpdir(), "tm-typeorm-"));
        try {
            const run = runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "Initial"], { cwd, env: { BLOG_DB: join(cwd, "blog.sqlite") } });
            expect(run.status, run.stderr).to.equal(0);
            const dir = join(cwd, "migrations", "default");
            const [delta] = readdirSync(dir).filter((file) => file.endsWith(".json"));
            expect((JSON.parse(readFileSync(join(dir, delta), "utf8")) as { typeormVersion: string }).typeormVersion).to.equal(inUse);
        } finally {
            rmSync(cwd, { recursive: true, force: true });
        }
    });

    it("a data source made by another TypeORM copy is refused in one line naming the copy in use", async function () {
        if (!existsSync(join(otherCopy, "package.json"))) this.skip(); // compat/typeorm-0.3 not installed
        // Loaded by path, as npm's nested second copy would be loaded by the application's own files.
        const { DataSource: OtherDataSource } = require(otherCopy) as { DataSource: new (options: object) => DataSource };
        const error = await readSchema(new OtherDataSource({ type: "better-sqlite3", database: ":memory:", entities: [] })).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(ForeignTypeormCopyError);
        expect((error as Error).message)
            .to.include(inUse)
            .and.not.include("\n");
    });

    it("releases whose internals are not known are refused in one line: 0.2, 0.3 before 0.3.20, 2.x", () => {
        for (const version of ["0.2.45", "0.3.19", "0.3.0-rc.40", "2.0.0"]) {
            expect(() => majorOf(version), version).to.throw(UnsupportedTypeormVersionError, `TypeORM ${version} is not supported`);
        }
        expect(["0.3.20", "0.3.31", "1.0.0-beta.1", "1.1.1"].map(majorOf)).to.deep.equal(["0.3", "0.3", "1", "1"]);
    });

    it("the CLI on a TypeORM release it does not know stops with that one line", () => {
        const cwd = mkdtempSync(join(tmpdir(), "tm-typeorm-"));
        try {
            // A `typeorm` 2.0.0 that is the copy in use under another version number.
            const fake = join(cwd, "fake", "node_modules", "typeorm");
            mkdirSync(fake, { recursive: true });
            writeFileSync(join(fake, "package.json"), JSON.stringify({ name: "typeorm", version: "2.0.0", main: "index.js" }));
            writeFileSync(join(fake, "index.js"), `module.exports = require(${JSON.stringify(entry)});\n`);
            const hook = join(cwd, "fake-typeorm.js");
            writeFileSync(
                hook,
                [
                    `const Module = require("node:module");`,
                    `const resolve = Module._resolveFilename;`,
                    `Module._resolveFilename = function (request, parent, isMain, options) {`,
                    `    return request === "typeorm" ? ${JSON.stringify(join(fake, "index.js"))} : resolve.call(this, request, parent, isMain, options);`,
                    `};`,
                ].join("\n"),
            );
            const run = runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "Initial"], {
                cwd,
                env: { BLOG_DB: join(cwd, "blog.sqlite"), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${hook}`.trim() },
            });
            expect(run.status).to.not.equal(0);
            expect(run.stderr.trim()).to.equal(
                "typeorm-migrate: error: TypeORM 2.0.0 is not supported (typeorm-migrate works with TypeORM 0.3.20 or later 0.3.x, and 1.x)",
            );
        } finally {
            rmSync(cwd, { recursive: true, force: true });
        }
    });
});
