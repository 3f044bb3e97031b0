import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, cliPath, runCli } from "../support/run-cli";
import { shellQuote } from "../../cli/shell-quote";

/** Runs the CLI on a pseudo-terminal (util-linux `script`), as a user at a terminal would. */
function onTerminal(args: readonly string[], cwd: string, env: Record<string, string>): string {
    const command = [process.execPath, cliPath, ...args].map(shellQuote).join(" ");
    const run = spawnSync("script", ["-qec", command, "/dev/null"], { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
    expect(run.status, run.stderr).to.equal(0);
    return run.stdout;
}

describe("CLI: progress of upgrade", () => {
    let cwd: string;
    let env: Record<string, string>;
    before(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-progress-"));
        env = { BLOG_DB: join(cwd, "blog.sqlite") };
        for (const version of ["v1", "v2"] as const) {
            expect(runCli(["generate", "-d", blogDataSourceFile(version), "-m", `blog ${version}`], { cwd, env }).status).to.equal(0);
        }
    });
    after(() => rmSync(cwd, { recursive: true, force: true }));

    /* eslint-disable no-control-regex -- the progress line is redrawn with the terminal's ESC [2K (erase line): these patterns look for that control character. */
    it("on a terminal, each migration's line appears when it starts, counting n of m, and is replaced by its result", () => {
        const out = onTerminal(["upgrade", "-d", blogDataSourceFile("v2")], cwd, env);
        expect(out).to.match(/\rApplying \w+ BlogV1\d+ \.\.\. \(1 of 2, \d+ s\)/);
        expect(out).to.match(/\r\x1b\[2KApplying \w+ BlogV1\d+ \.\.\. ok \(\d+ ms, 1 of 2\)/);
        expect(out).to.match(/\r\x1b\[2KApplying \w+ BlogV2\d+ \.\.\. ok \(\d+ ms, 2 of 2\)/);
    });

    it("elsewhere, one plain line per migration when it ends", () => {
        const run = runCli(["downgrade", "base", "-d", blogDataSourceFile("v2")], { cwd, env });
        expect(run.status).to.equal(0);
        expect(run.stdout).not.to.match(/[\r\x1b]/);
        expect(
            run.stdout
                .trim()
                .split("\n")
                .slice(0, 2)
                .map((line) => line.replace(/\w+ (BlogV\d)\d+ \.\.\. ok \(\d+ ms/, "$1 ok")),
        ).to.deep.equal(["Reverting BlogV2 ok, 1 of 2)", "Reverting BlogV1 ok, 2 of 2)"]);
    });
    /* eslint-enable no-control-regex */
});
