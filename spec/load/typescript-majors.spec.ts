import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runCli } from "../support/run-cli";
import { commonJsProject, esmProject, writeProject } from "./support/projects";

/** Installs `typescript@<major>` from npm (its cache) into a folder of its own; returns the package folder. */
async function installTypeScript(major: number, into: string): Promise<string> {
    const folder = join(into, `ts${major}`);
    mkdirSync(folder);
    writeFileSync(join(folder, "package.json"), `{ "name": "ts${major}", "private": true }\n`);
    await promisify(execFile)("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", `typescript@${major}`], { cwd: folder });
    return join(folder, "node_modules", "typescript");
}

describe("loading the user's TypeScript on TypeScript 5 and 7 (installed from npm)", function () {
    this.timeout(300_000);
    let scratch: string;
    const installs = new Map<number, string>();
    const roots: string[] = [];

    before(async () => {
        scratch = mkdtempSync(join(tmpdir(), "tm-ts-majors-"));
        const [five, seven] = await Promise.all([installTypeScript(5, scratch), installTypeScript(7, scratch)]);
        installs.set(5, five).set(7, seven);
    });
    after(() => [scratch, ...roots].forEach((root) => rmSync(root, { recursive: true, force: true })));

    it("TypeScript 7: an entity that does not parse names its file, line and the compiler's message (tsc emits it anyway)", () => {
        const cwd = writeProject(
            { ...esmProject, "src/entity/broken.ts": "export class Broken {\n    id: number;\n    }}\n" },
            { typescript: installs.get(7) },
        );
        roots.push(cwd);
        const run = runCli(["generate", "-m", "init"], { cwd, env: { APP_DB: join(cwd, "app.sqlite") } });
        expect(run.status).to.equal(2);
        expect(run.stderr).to.equal(
            "typeorm-migrate: error: cannot compile TypeScript: src/entity/broken.ts:3:6 - error TS1128: Declaration or statement expected.\n",
        );
    });

    it("TypeScript 7: an error thrown in the data source names the user's .ts file and line", () => {
        const dataSource = `${commonJsProject["src/data-source.ts"]}\nif (process.env.APP_DB) throw new Error("no database configured");\n`;
        const cwd = writeProject({ ...commonJsProject, "src/data-source.ts": dataSource }, { typescript: installs.get(7) });
        roots.push(cwd);
        const run = runCli(["generate", "-m", "init", "-d", "src/data-source.ts", "--verbose"], { cwd, env: { APP_DB: join(cwd, "app.sqlite") } });
        expect(run.status).to.equal(2);
        expect(run.stderr).to.include(`(${join(cwd, "src", "data-source.ts")}:${dataSource.split("\n").length - 1}:`);
    });

    const cases = [
        { major: 5, what: "CommonJS", files: commonJsProject, args: ["-d", "src/data-source.ts"] },
        { major: 7, what: "CommonJS", files: commonJsProject, args: ["-d", "src/data-source.ts"] },
        { major: 7, what: "ES modules", files: esmProject, args: [] },
    ];
    for (const { major, what, files, args } of cases) {
        it(`TypeScript ${major}, ${what}: a union-alias column is read as varchar, and the .ts migration runs`, () => {
            const cwd = writeProject(files, { typescript: installs.get(major) });
            roots.push(cwd);
            const env = { APP_DB: join(cwd, "app.sqlite") };
            const installed = JSON.parse(readFileSync(join(cwd, "node_modules", "typescript", "package.json"), "utf8")) as { version: string };
            expect(installed.version.split(".")[0]).to.equal(String(major));
            const generate = runCli(["generate", "-m", "init", ...args], { cwd, env });
            expect(generate.status, generate.stderr).to.equal(0);
            const dir = join(cwd, "migrations", "default");
            const migration = readdirSync(dir).find((file) => file.endsWith(".ts")) as string;
            expect(readFileSync(join(dir, migration), "utf8")).to.include(`"state" varchar NOT NULL`);
            const upgrade = runCli(["upgrade", ...args], { cwd, env });
            expect(upgrade.status, upgrade.stderr).to.equal(0);
            const check = runCli(["check", ...args], { cwd, env });
            expect(check.status, check.stderr + check.stdout).to.equal(0);
        });
    }
});
