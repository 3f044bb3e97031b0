import { expect } from "chai";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { blogDataSourceFile, runCli } from "../support/run-cli";

/**
 * TypeORM ships source maps naming `../src/*.ts` files its package does not install; with source
 * maps on (the TypeScript loader turns them on, or NODE_OPTIONS=--enable-source-maps), `--verbose`
 * stacks pointed there.
 */
describe("--verbose stack traces point at files that exist", () => {
    let cwd: string;
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-stack-"));
        // A migrations table of another shape: TypeORM's own query for its rows fails inside TypeORM.
        const db = new Database(join(cwd, "blog.sqlite"));
        db.exec("CREATE TABLE migrations (foo integer)");
        db.close();
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    it("a TypeORM frame keeps its installed .js location; the message is still one line first", () => {
        const run = runCli(["current", "-d", blogDataSourceFile("v1"), "--verbose"], {
            cwd,
            env: { BLOG_DB: join(cwd, "blog.sqlite") },
            nodeArgs: ["--enable-source-maps"],
        });
        expect(run.status, run.stderr).to.equal(3);
        const lines = run.stderr.split("\n");
        const first = lines.findIndex((line) => line.startsWith("typeorm-migrate: error: "));
        expect(lines[first]).to.match(/no such column: "id"/);
        const frames = lines
            .slice(first + 1)
            .map((line) => /^ +at (?:.* \()?(\/[^()]+):\d+:\d+\)?$/.exec(line)?.[1])
            .filter((file): file is string => file !== undefined);
        expect(
            frames.some((file) => /node_modules\/typeorm\/.*\.js$/.test(file)),
            run.stderr,
        ).to.equal(true);
        expect(frames.filter((file) => !existsSync(file))).to.deep.equal([]);
    });
});
