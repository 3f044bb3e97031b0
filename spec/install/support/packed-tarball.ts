import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distRoot, repoRoot } from "../../support/run-cli";

// The install tests install typeorm-migrate as a user gets it: the tarball `npm pack` makes.
// The tree under test is already compiled (`npm test` runs tsc first, into dist/ or a developer's
// dist-*/), so the package is laid out from it in a staging folder (package.json, README, and the
// compiled lib/ and cli/ where `files` and `bin` expect them under dist/) and packed with
// --ignore-scripts: the same tarball `prepare` would build, in about a second instead of a rebuild.
// Everything lives under one temporary folder per test process, removed when the process exits
// (TM_KEEP_INSTALL_PROJECTS=1 keeps it, and the projects in it, to look at a failure).

let workspaceDir: string | undefined;
let tarball: string | undefined;

/** The temporary folder every install project of this test process lives in (created on first use). */
export function installWorkspace(): string {
    if (workspaceDir === undefined) {
        const dir = mkdtempSync(join(tmpdir(), "tm-install-"));
        workspaceDir = dir;
        if (keepProjects()) console.log(`install projects kept in ${dir}`);
        else process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    }
    return workspaceDir;
}

/** Whether the temporary projects stay after the run (TM_KEEP_INSTALL_PROJECTS=1). */
export function keepProjects(): boolean {
    return process.env.TM_KEEP_INSTALL_PROJECTS === "1";
}

/** The path of typeorm-migrate's packed tarball, packed once per test process. */
export function packedTarball(): string {
    if (tarball !== undefined) return tarball;
    const stage = join(installWorkspace(), "package-stage");
    mkdirSync(join(stage, "dist"), { recursive: true });
    for (const file of ["package.json", "README.md", "LICENSE"]) {
        if (existsSync(join(repoRoot, file))) cpSync(join(repoRoot, file), join(stage, file));
    }
    for (const dir of ["lib", "cli"]) cpSync(join(distRoot, dir), join(stage, "dist", dir), { recursive: true });
    const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", installWorkspace()], {
        cwd: stage,
        encoding: "utf8",
        env: childEnv(),
    });
    if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
    const [{ filename }] = JSON.parse(pack.stdout) as { filename: string }[];
    rmSync(stage, { recursive: true, force: true });
    tarball = join(installWorkspace(), filename);
    return tarball;
}

/**
 * The environment for npm and for the installed tools: this process's, without what `npm test`
 * adds about *this* package (npm_package_*, npm_lifecycle_*) and without loader options
 * (NODE_OPTIONS, TS_NODE_*, NODE_PATH) that would make a temporary project see this repository.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (/^(npm_package_|npm_lifecycle_|TS_NODE_)/i.test(key)) continue;
        if (["npm_command", "INIT_CWD", "NODE_OPTIONS", "NODE_PATH"].includes(key)) continue;
        env[key] = value;
    }
    return { ...env, NO_COLOR: "1", ...extra };
}
