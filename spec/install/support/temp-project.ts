import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { childEnv, installWorkspace, keepProjects, packedTarball } from "./packed-tarball";

export interface ProcessRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** stdout and stderr together, for assertion messages. */
    readonly output: string;
}

/** The npm flags every install uses: npm's cache first, no audit or funding requests. */
const quietInstall = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/**
 * A temporary application project: files written by the test, packages installed by npm, and
 * its installed tools run as real processes with the project as working directory.
 */
export class TempProject {
    private constructor(readonly dir: string) {}

    /** An empty project folder `<name>` in the install workspace. */
    static create(name: string): TempProject {
        const dir = join(installWorkspace(), name);
        mkdirSync(dir, { recursive: true });
        return new TempProject(dir);
    }

    /** Writes package.json: a private package named after the folder, with these fields. */
    writePackageJson(fields: Record<string, unknown>): void {
        this.write("package.json", `${JSON.stringify({ name: basename(this.dir), version: "1.0.0", private: true, ...fields }, null, 2)}\n`);
    }

    /** A new project `<name>` holding copies of these paths of this one (files or folders). */
    copyTo(name: string, paths: readonly string[]): TempProject {
        const dir = join(installWorkspace(), name);
        mkdirSync(dir, { recursive: true });
        for (const path of paths) cpSync(join(this.dir, path), join(dir, path), { recursive: true });
        return new TempProject(dir);
    }

    /** The tarball as a dependency spec, relative to this project (as `npm install <file>` writes it). */
    tarballSpec(): string {
        return `file:${relative(this.dir, packedTarball())}`;
    }

    write(path: string, content: string): void {
        mkdirSync(dirname(join(this.dir, path)), { recursive: true });
        writeFileSync(join(this.dir, path), content);
    }

    read(path: string): string {
        return readFileSync(join(this.dir, path), "utf8");
    }

    exists(path: string): boolean {
        return existsSync(join(this.dir, path));
    }

    /** Names of the files in `folder` ending with `suffix`, sorted (oldest migration first). */
    files(folder: string, suffix: string): string[] {
        if (!this.exists(folder)) return [];
        return readdirSync(join(this.dir, folder))
            .filter((name) => name.endsWith(suffix) && !name.endsWith(".d.ts"))
            .sort();
    }

    /** The version of an installed package, or undefined when it is not installed at the top level. */
    installedVersion(name: string): string | undefined {
        const file = join("node_modules", name, "package.json");
        return this.exists(file) ? (JSON.parse(this.read(file)) as { version: string }).version : undefined;
    }

    /** Runs npm with these arguments in the project; throws with npm's output when it fails. */
    npm(args: readonly string[]): ProcessRun {
        const run = this.npmRun(args);
        if (run.status !== 0) throw new Error(`npm ${args.join(" ")} failed (${run.status}):\n${run.output}`);
        return run;
    }

    /** Runs npm with these arguments in the project and returns how it went. */
    npmRun(args: readonly string[]): ProcessRun {
        const install = ["install", "i", "ci"].includes(args[0]);
        return this.spawn("npm", install ? [...args, ...quietInstall] : args);
    }

    /** The installed typeorm-migrate, as `npx typeorm-migrate` would run it. */
    cli(args: readonly string[], env: Record<string, string> = {}): ProcessRun {
        return this.bin("typeorm-migrate", args, env);
    }

    /** An installed package's command from node_modules/.bin. */
    bin(name: string, args: readonly string[], env: Record<string, string> = {}): ProcessRun {
        return this.spawn(join(this.dir, "node_modules", ".bin", name), args, env);
    }

    /** Every copy of package `name` anywhere under node_modules, as paths relative to the project. */
    copiesOf(name: string): string[] {
        const found: string[] = [];
        const visit = (modules: string) => {
            if (!existsSync(modules)) return;
            for (const entry of readdirSync(modules, { withFileTypes: true })) {
                if (!entry.isDirectory()) continue;
                const path = join(modules, entry.name);
                if (entry.name.startsWith("@")) {
                    for (const scoped of readdirSync(path, { withFileTypes: true })) {
                        if (scoped.isDirectory()) inspect(`${entry.name}/${scoped.name}`, join(path, scoped.name));
                    }
                } else if (!entry.name.startsWith(".")) {
                    inspect(entry.name, path);
                }
            }
        };
        const inspect = (packageName: string, path: string) => {
            if (packageName === name) found.push(relative(this.dir, path));
            visit(join(path, "node_modules"));
        };
        visit(join(this.dir, "node_modules"));
        return found;
    }

    remove(): void {
        if (keepProjects()) return;
        rmSync(this.dir, { recursive: true, force: true });
    }

    private spawn(command: string, args: readonly string[], env: Record<string, string> = {}): ProcessRun {
        const result = spawnSync(command, args, { cwd: this.dir, env: childEnv(env), encoding: "utf8", timeout: 600_000 });
        if (result.error !== undefined) throw result.error;
        const stdout = result.stdout ?? "";
        const stderr = result.stderr ?? "";
        return { status: result.status, stdout, stderr, output: `$ ${command} ${args.join(" ")}\n${stdout}${stderr}` };
    }
}

/** The non-blank lines of a tool's output, trimmed: what a one-line error is counted in. */
export function messageLines(text: string): string[] {
    return text
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
}
