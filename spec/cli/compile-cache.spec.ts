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
 * The CLI compiles the modules it loads with the library (TypeORM, the driver, the user's
 * entities) through a V8 code cache kept beside the head-state cache, in the nearest
 * node_modules/.cache/typeorm-migrate (cli/code-cache/).
 */
describe("CLI: code cache", () => {
    let cwd: string;
    const debug = { TYPEORM_MIGRATE_DEBUG_CODE_CACHE: "1" };
    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-cli-code-cache-"));
        mkdirSync(join(cwd, "node_modules"));
        expect(runCli(["init"], { cwd }).status).to.equal(0);
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));
    const folder = () => join(cwd, "node_modules", ".cache", "typeorm-migrate");
    /** A command that loads the library (and TypeORM). */
    const history = (cache: string) => runCli(["history"], { cwd, env: { ...debug, TYPEORM_MIGRATE_CACHE: cache } });

    it("is written by the first command that loads the library and used by the next; --help neither reads nor writes it", () => {
        const help = runCli(["--help"], { cwd, env: { ...debug, TYPEORM_MIGRATE_CACHE: "" } });
        expect(help.status, help.stderr).to.equal(0);
        expect(countsOf(help.stderr)).to.equal(null);
        expect(existsSync(join(cwd, "node_modules", ".cache"))).to.equal(false);
        const first = history("");
        expect(first.status, first.stderr).to.equal(0);
        expect(countsOf(first.stderr)).to.include({ hits: 0, written: true });
        expect(readdirSync(folder())).to.deep.equal([codeCacheFileName]);
        const second = history("");
        expect(second.status, second.stderr).to.equal(0);
        expect(second.stdout).to.equal(first.stdout);
        const counts = countsOf(second.stderr);
        expect(counts?.misses).to.equal(0);
        // TypeORM's files among them.
        expect(counts?.hits).to.be.greaterThan(300);
    });

    it("writes nothing with TYPEORM_MIGRATE_CACHE=off, and into the folder an absolute path names", () => {
        const off = history("off");
        expect(off.status, off.stderr).to.equal(0);
        expect(countsOf(off.stderr)).to.equal(null);
        expect(existsSync(join(cwd, "node_modules", ".cache"))).to.equal(false);
        const elsewhere = join(cwd, "elsewhere");
        const moved = history(elsewhere);
        expect(moved.status, moved.stderr).to.equal(0);
        expect(readdirSync(elsewhere)).to.deep.equal([codeCacheFileName]);
        expect(existsSync(join(cwd, "node_modules", ".cache"))).to.equal(false);
    });

    it("runs the command when the cache cannot be written", () => {
        // A folder under a file: no one can make it, root included.
        writeFileSync(join(cwd, "blocker"), "");
        const run = history(join(cwd, "blocker", "cache"));
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.equal("No revisions yet.\n");
        expect(countsOf(run.stderr)).to.include({ hits: 0, written: false });
    });
});
