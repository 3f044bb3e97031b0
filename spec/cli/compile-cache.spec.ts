import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codeCacheFileName } from "../../cli/code-cache/compile-cache";
import { runCli } from "../support/run-cli";

/** The code cache's counts the CLI prints at exit with TYPEORM_MIGRATE_DEBUG_CODE_CACHE=1. */
function countsOf(stderr: string): { hits: number; misses: number; written: boolean } | null {
    const line = /^code cache: (.*)$/m.exec(stderr);
    return line ? (JSON.parse(line[1]) as { hits: number; misses: number; written: boolean }) : null;
}

/**
 * The CLI compiles the modules it loads through a V8 code cache kept beside the head-state cache,
 * in the nearest node_modules/.cache/typeorm-migrate (cli/code-cache/).
 */
describe("CLI: code cache", () => {
    let cwd: string;
    const debug = { TYPEORM_MIGRATE_DEBUG_CODE_CACHE: "1" };
    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-cli-code-cache-"));
        mkdirSync(join(cwd, "node_modules"));
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));
    const folder = () => join(cwd, "node_modules", ".cache", "typeorm-migrate");

    it("is written by the first command and used by the next", () => {
        const first = runCli(["init"], { cwd, env: { ...debug, TYPEORM_MIGRATE_CACHE: "" } });
        expect(first.status, first.stderr).to.equal(0);
        expect(countsOf(first.stderr)).to.include({ hits: 0, written: true });
        expect(readdirSync(folder())).to.deep.equal([codeCacheFileName]);
        const second = runCli(["--help"], { cwd, env: { ...debug, TYPEORM_MIGRATE_CACHE: "" } });
        expect(second.status, second.stderr).to.equal(0);
        const counts = countsOf(second.stderr);
        expect(counts?.misses).to.equal(0);
        expect(counts?.hits).to.be.greaterThan(20);
    });

    it("writes nothing with TYPEORM_MIGRATE_CACHE=off, and into the folder an absolute path names", () => {
        const off = runCli(["--help"], { cwd, env: { ...debug, TYPEORM_MIGRATE_CACHE: "off" } });
        expect(off.status, off.stderr).to.equal(0);
        expect(countsOf(off.stderr)).to.equal(null);
        expect(existsSync(join(cwd, "node_modules", ".cache"))).to.equal(false);
        const elsewhere = join(cwd, "elsewhere");
        const moved = runCli(["--help"], { cwd, env: { ...debug, TYPEORM_MIGRATE_CACHE: elsewhere } });
        expect(moved.status, moved.stderr).to.equal(0);
        expect(readdirSync(elsewhere)).to.deep.equal([codeCacheFileName]);
        expect(existsSync(join(cwd, "node_modules", ".cache"))).to.equal(false);
    });

    it("runs the command when the cache cannot be written", () => {
        // A folder under a file: no one can make it, root included.
        writeFileSync(join(cwd, "blocker"), "");
        const run = runCli(["--help"], { cwd, env: { ...debug, TYPEORM_MIGRATE_CACHE: join(cwd, "blocker", "cache") } });
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.include("typeorm-migrate generate");
        expect(countsOf(run.stderr)).to.include({ hits: 0, written: false });
    });
});
