import { expect } from "chai";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/run-cli";

/**
 * The CLI loads the library (and TypeORM with it) only when a command needs it (cli/lib.ts): a
 * command that does not still works without TypeORM, and one that does reports, in one line, why
 * the library could not load.
 */
describe("CLI: without TypeORM", () => {
    let cwd: string;
    const withoutTypeorm = { nodeArgs: ["-r", join(__dirname, "..", "load", "support", "forbid-packages.js")], env: { FORBID_PACKAGES: "typeorm" } };
    beforeEach(() => (cwd = mkdtempSync(join(tmpdir(), "tm-no-typeorm-"))));
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("init creates the migrations folder", () => {
        const run = runCli(["init"], { cwd, ...withoutTypeorm });
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.equal("Created migrations/default/\n");
        expect(existsSync(join(cwd, "migrations", "default"))).to.equal(true);
    });

    it("a command that needs the library says why it could not load, in one line", () => {
        const run = runCli(["history"], { cwd, ...withoutTypeorm });
        expect(run.status).to.equal(3);
        expect(run.stderr).to.equal("typeorm-migrate: error: Cannot find module 'typeorm'\n");
    });
});
