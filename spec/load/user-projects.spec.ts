import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { repoRoot, runCli, type CliRun } from "../support/run-cli";
import { commonJsProject, esmProject, writeProject } from "./support/projects";

const forbid = (packages: string) => ({ nodeArgs: ["-r", join(__dirname, "support", "forbid-packages.js")], env: { FORBID_PACKAGES: packages } });

function cli(cwd: string, args: readonly string[], extra: { nodeArgs?: string[]; env?: Record<string, string> } = {}): CliRun {
    return runCli(args, { cwd, nodeArgs: extra.nodeArgs, env: { APP_DB: join(cwd, "app.sqlite"), ...extra.env } });
}

function migrationText(cwd: string): string {
    const dir = join(cwd, "migrations", "default");
    return readdirSync(dir)
        .filter((file) => /\.[cm]?ts$/.test(file))
        .map((file) => readFileSync(join(dir, file), "utf8"))
        .join("\n");
}

function files(root: string, pattern: RegExp, dir = root): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (entry.name === "node_modules") return [];
        const path = join(dir, entry.name);
        return entry.isDirectory() ? files(root, pattern, path) : pattern.test(entry.name) ? [path] : [];
    });
}

/** generate, upgrade (running the .ts migration), then check finds no changes. */
function generateUpgradeCheck(cwd: string, dataSource: readonly string[]): void {
    const generate = cli(cwd, ["generate", "-m", "init", ...dataSource]);
    expect(generate.status, generate.stderr).to.equal(0);
    expect(migrationText(cwd)).to.include(`"state" varchar NOT NULL`);
    const upgrade = cli(cwd, ["upgrade", ...dataSource]);
    expect(upgrade.status, upgrade.stderr).to.equal(0);
    const check = cli(cwd, ["check", ...dataSource]);
    expect(check.status, check.stderr + check.stdout).to.equal(0);
}

describe("loading the user's TypeScript and ES modules (TypeScript 6, the dev dependency)", () => {
    const roots: string[] = [];
    const project = (...args: Parameters<typeof writeProject>) => {
        const root = writeProject(...args);
        roots.push(root);
        return root;
    };
    after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

    it('CommonJS: a union alias imported from another file is read as varchar (was Data type "Object" ... is not supported), entities through a paths alias', () => {
        generateUpgradeCheck(project(commonJsProject), ["-d", "src/data-source.ts"]);
    });

    it("ES modules (NodeNext, ./x.js imports of .ts files, a paths alias, entities by glob): .ts config, data source and migration", () => {
        generateUpgradeCheck(project(esmProject), []);
    });

    it("a compiled ES module project runs its .js config, data source and migrations with no TypeScript installed", () => {
        // Compiled output keeps a paths alias, which Node cannot resolve: the built app imports relatively.
        const root = project({
            ...esmProject,
            "src/entity/post.ts": esmProject["src/entity/post.ts"].replace("@entity/author.js", "./author.js"),
            "tsconfig.json": esmProject["tsconfig.json"]
                .replace(/"outDir": "dist"/, '"outDir": "build"')
                .replace(/"include": \[/, '"include": ["migrations", '),
        });
        expect(cli(root, ["generate", "-m", "init"]).status).to.equal(0);
        const tsc = spawnSync(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
            cwd: root,
            encoding: "utf8",
        });
        expect(tsc.status, tsc.stdout).to.equal(0);
        // The image holds the build, its package.json and the schema deltas; no TypeScript.
        const cwd = join(root, "build");
        writeFileSync(join(cwd, "package.json"), esmProject["package.json"]);
        for (const delta of files(join(root, "migrations"), /\.json$/)) copyFileSync(delta, join(cwd, "migrations", "default", basename(delta)));
        for (const [file, from, to] of [
            ["src/data-source.js", "./entity/*.ts", "./entity/*.js"],
            ["typeorm-migrate.config.js", "src/data-source.ts", "src/data-source.js"],
        ]) {
            writeFileSync(join(cwd, file), readFileSync(join(cwd, file), "utf8").replace(from, to));
        }
        const upgrade = cli(cwd, ["upgrade"], forbid("typescript"));
        expect(upgrade.status, upgrade.stderr).to.equal(0);
        expect(upgrade.stdout).to.match(/Init\d{13} \.\.\. ok/);
        const check = cli(cwd, ["check"], forbid("typescript"));
        expect(check.status, check.stderr + check.stdout).to.equal(0);
    });

    it("a .ts migration with no TypeScript installed: one line saying what to run instead", () => {
        const cwd = project(commonJsProject);
        expect(cli(cwd, ["generate", "-m", "init", "-d", "src/data-source.ts"]).status).to.equal(0);
        writeFileSync(
            join(cwd, "data-source.js"),
            `const { DataSource } = require("typeorm");\nmodule.exports = new DataSource({ type: "better-sqlite3", database: process.env.APP_DB, entities: [] });\n`,
        );
        const upgrade = cli(cwd, ["upgrade", "-d", "data-source.js"], forbid("typescript"));
        expect(upgrade.status).to.equal(2);
        expect(upgrade.stderr.trim().split("\n")).to.have.length(1);
        expect(upgrade.stderr).to.match(
            /^typeorm-migrate: error: migrations\/default\/\d{13}-init\.ts is TypeScript and no TypeScript compiler is installed: run the compiled \.js migrations instead \(build them first\), or npm i -D typescript\n$/,
        );
    });

    it("a .ts data source with no TypeScript installed: one line", () => {
        const run = cli(project(commonJsProject), ["generate", "-m", "init", "-d", "src/data-source.ts"], forbid("typescript"));
        expect(run.status).to.equal(2);
        expect(run.stderr).to.equal(
            "typeorm-migrate: error: src/data-source.ts is TypeScript and no TypeScript compiler is installed: point at the compiled .js data source instead (build first), or npm i -D typescript\n",
        );
    });

    it("a data source whose driver is not installed names the package (drivers are optional peers)", () => {
        const cwd = project({
            ...commonJsProject,
            "src/data-source.ts": `import { DataSource } from "typeorm";\nexport default new DataSource({ type: "postgres", entities: [] });\n`,
        });
        const run = cli(cwd, ["generate", "-m", "init", "-d", "src/data-source.ts"], forbid("pg"));
        expect(run.status).to.equal(2);
        expect(run.stderr).to.equal("typeorm-migrate: error: the data source uses postgres: install its driver with npm i pg\n");
    });

    it("a column whose type has no runtime form even with types (an interface): says to give it an explicit type", () => {
        const cwd = project({
            ...commonJsProject,
            "src/entity/author.entity.ts": `${commonJsProject["src/entity/author.entity.ts"].replace("name: string;", "name: string;\n\n    @Column()\n    address: Address;")}\ninterface Address { street: string }\n`,
        });
        const run = cli(cwd, ["generate", "-m", "init", "-d", "src/data-source.ts"]);
        expect(run.status).to.equal(2);
        expect(run.stderr).to.equal(
            'typeorm-migrate: error: src/data-source.ts: column Author.address has a type TypeORM reads as Object (a union, interface or any): give it an explicit type, e.g. @Column({ type: "varchar" })\n',
        );
    });

    it("an ES module entity loaded by glob that does not parse: its file, line and the compiler's message, exit 2", () => {
        const run = cli(project({ ...esmProject, "src/entity/broken.ts": "export class Broken {\n    id: number;\n    }}\n" }), ["generate", "-m", "init"]);
        expect(run.status).to.equal(2);
        expect(run.stderr).to.equal(
            "typeorm-migrate: error: cannot compile TypeScript: src/entity/broken.ts:3:6 - error TS1128: Declaration or statement expected.\n",
        );
    });

    for (const [what, files] of [
        ["CommonJS", commonJsProject],
        ["an ES module", esmProject],
    ] as const) {
        it(`an error thrown in ${what} data source names the user's .ts file and line`, () => {
            const dataSource = files["src/data-source.ts"].replace(
                /^(import .*\n)+/,
                (imports) => `${imports}\nif (process.env.APP_DB) throw new Error("no database configured");\n`,
            );
            const run = cli(project({ ...files, "src/data-source.ts": dataSource }), ["generate", "-m", "init", "-d", "src/data-source.ts", "--verbose"]);
            expect(run.status).to.equal(2);
            expect(run.stderr).to.match(/^typeorm-migrate: error: cannot load src\/data-source\.ts: no database configured\n/);
            const line = dataSource.split("\n").findIndex((text) => text.includes("no database configured")) + 1;
            expect(run.stderr).to.include(`src/data-source.ts:${line}:`);
        });
    }
});
