import { expect } from "chai";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { blogDataSourceFile, cliPath, type CliRun } from "../support/run-cli";

/** A bad input must fail fast: a graph fault once made the CLI loop forever, so each run gets a deadline. */
const deadlineMs = 30_000;

function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): CliRun & { readonly ms: number } {
    const started = Date.now();
    const result = spawnSync(process.execPath, [cliPath, ...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        encoding: "utf8",
        timeout: deadlineMs,
        killSignal: "SIGKILL",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

/** Every file under `dir` with its size and modification time: what "nothing written" compares. */
function listing(dir: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true })
        .map(String)
        .sort()
        .map((f) => {
            const stat = statSync(join(dir, f));
            return `${f} ${stat.size} ${stat.mtimeMs}`;
        });
}

/**
 * Bad input of every kind: one line on stderr, exit 2, no file written, nothing applied. Each case
 * starts from a folder with two revisions (abc00001 → abc00002) and a database at abc00001.
 */
describe("CLI: bad input is one line, exit 2, nothing written, nothing applied", () => {
    let pristine: string;
    const ds = blogDataSourceFile("v2");

    before(() => {
        pristine = mkdtempSync(join(tmpdir(), "tm-bad-base-"));
        const env = { BLOG_DB: join(pristine, "blog.sqlite") };
        expect(runCli(["generate", "-d", blogDataSourceFile("v1"), "-m", "one", "--rev-id", "abc00001"], { cwd: pristine, env }).status).to.equal(0);
        expect(runCli(["upgrade", "-d", blogDataSourceFile("v1")], { cwd: pristine, env }).status).to.equal(0);
        expect(runCli(["generate", "-d", ds, "-m", "two", "--rev-id", "abc00002"], { cwd: pristine, env }).status).to.equal(0);
    });
    after(() => rmSync(pristine, { recursive: true, force: true }));

    const folder = (cwd: string) => join(cwd, "migrations", "default");
    const fileOf = (cwd: string, suffix: string) => join(folder(cwd), readdirSync(folder(cwd)).find((f) => f.endsWith(suffix)) as string);
    const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, "utf8")));

    const cases: { what: string; args: string[]; message: RegExp; prepare?: (cwd: string) => void }[] = [
        { what: "an unknown revision", args: ["upgrade", "zzzz", "-d", ds], message: /unknown revision "zzzz"/ },
        { what: "an ambiguous revision prefix", args: ["upgrade", "abc", "-d", ds], message: /revision prefix "abc" matches abc00001, abc00002/ },
        {
            what: "a malformed snapshot delta",
            args: ["generate", "-m", "x", "-d", ds],
            message: /two\.json: not valid JSON/,
            prepare: (cwd) => edit(fileOf(cwd, "-two.json"), (t) => t.slice(0, 40)),
        },
        {
            what: "a snapshot delta of a newer format",
            args: ["generate", "-m", "x", "-d", ds],
            message: /format 99 was written by a newer typeorm-migrate .*upgrade typeorm-migrate/,
            prepare: (cwd) => edit(fileOf(cwd, "-two.json"), (t) => t.replace(/"format": ?1/, '"format": 99')),
        },
        {
            what: "a missing parent",
            args: ["upgrade", "-d", ds],
            message: /revision abc00002 names parent abc99999, which is not in the migrations folder/,
            prepare: (cwd) => edit(fileOf(cwd, "-two.ts"), (t) => t.replace("Parents: abc00001", "Parents: abc99999")),
        },
        {
            what: "a cycle",
            args: ["upgrade", "-d", ds],
            message: /revisions form a cycle/,
            prepare: (cwd) => edit(fileOf(cwd, "-one.ts"), (t) => t.replace("Parents: <base>", "Parents: abc00002")),
        },
        {
            what: "a self-parent in a migration header",
            args: ["upgrade", "-d", ds],
            message: /revision abc00001 names itself as its parent \(.*-one\.ts\)$/,
            prepare: (cwd) => edit(fileOf(cwd, "-one.ts"), (t) => t.replace("Parents: <base>", "Parents: abc00001")),
        },
        {
            what: "a parent cycle written only in the .json files (check once looped forever)",
            args: ["check", "-d", ds],
            message:
                /-one\.json: parent abc00002 of revision abc00001 forms a cycle \(abc00001 → abc00002 → abc00001\); its migration .*-one\.ts names <base>$/,
            prepare: (cwd) => edit(fileOf(cwd, "-one.json"), (t) => t.replace('"parents":[]', '"parents":["abc00002"]')),
        },
        {
            what: "a self-parent written only in a .json",
            args: ["generate", "-m", "x", "-d", ds],
            message: /-two\.json: revision abc00002 names itself as its parent; its migration .*-two\.ts names abc00001$/,
            prepare: (cwd) => edit(fileOf(cwd, "-two.json"), (t) => t.replace('"parents":["abc00001"]', '"parents":["abc00002"]')),
        },
        {
            what: "a later revision's .json copied over an earlier one's (check once looped forever)",
            args: ["check", "-d", ds],
            message: /-one\.json: holds revision abc00002, but its migration .*-one\.ts is revision abc00001/,
            prepare: (cwd) => cpSync(fileOf(cwd, "-two.json"), fileOf(cwd, "-one.json")),
        },
        {
            what: "an earlier revision's .json copied over a later one's",
            args: ["generate", "-m", "x", "-d", ds],
            message: /-two\.json: holds revision abc00001, but its migration .*-two\.ts is revision abc00002/,
            prepare: (cwd) => cpSync(fileOf(cwd, "-one.json"), fileOf(cwd, "-two.json")),
        },
        {
            what: "a .json whose revision differs from its migration header",
            args: ["generate", "-m", "x", "-d", ds],
            message: /-two\.json: holds revision abc0000X, but its migration .*-two\.ts is revision abc00002/,
            prepare: (cwd) => edit(fileOf(cwd, "-two.json"), (t) => t.replace('"revision":"abc00002"', '"revision":"abc0000X"')),
        },
        {
            what: "a .json whose parents differ from its migration header",
            args: ["check", "-d", ds],
            message: /-two\.json: revision abc00002 has parents <base> here, but its migration .*-two\.ts names abc00001$/,
            prepare: (cwd) => edit(fileOf(cwd, "-two.json"), (t) => t.replace('"parents":["abc00001"]', '"parents":[]')),
        },
        {
            what: "a missing .json",
            args: ["generate", "-m", "x", "-d", ds],
            message: /-two\.json: missing: revision abc00002 \(.*-two\.ts\) has no schema delta beside it$/,
            prepare: (cwd) => rmSync(fileOf(cwd, "-two.json")),
        },
        {
            what: "a .json holding a list instead of a delta",
            args: ["check", "-d", ds],
            message: /-two\.json: not a revision delta/,
            prepare: (cwd) => writeFileSync(fileOf(cwd, "-two.json"), "[1, 2]\n"),
        },
        {
            what: "a .json op of an unknown kind",
            args: ["generate", "-m", "x", "-d", ds],
            message: /-two\.json: op 1 has an unknown kind "explode"$/,
            prepare: (cwd) => edit(fileOf(cwd, "-two.json"), (t) => t.replace(/"ops": \[\n/, '"ops": [\n    {"kind":"explode"},\n')),
        },
        {
            what: "a .json op missing its payload (was a TypeError, exit 3)",
            args: ["generate", "-m", "x", "-d", ds],
            message: /-two\.json: op 1 \(createTable\) has no object "definition"$/,
            prepare: (cwd) =>
                edit(fileOf(cwd, "-two.json"), (t) => t.replace(/"ops": \[\n/, '"ops": [\n    {"kind":"createTable","reasons":[],"risk":"safe"},\n')),
        },
        {
            what: "a .json op whose inside has the wrong shape",
            args: ["check", "-d", ds],
            message: /-two\.json: op 1 \(createTable\) does not apply to the schema of revision abc00001: /,
            prepare: (cwd) =>
                edit(fileOf(cwd, "-two.json"), (t) =>
                    t.replace(/"ops": \[\n/, '"ops": [\n    {"kind":"createTable","definition":{"columns":7},"reasons":[],"risk":"safe"},\n'),
                ),
        },
        {
            what: "a .json op that does not fit its parent's schema",
            args: ["check", "-d", ds],
            message: /-two\.json: op 1 \(dropColumn\) does not apply to the schema of revision abc00001: column .*nowhere.* does not exist$/,
            prepare: (cwd) =>
                edit(fileOf(cwd, "-two.json"), (t) =>
                    t.replace(
                        /"ops": \[\n/,
                        '"ops": [\n    {"kind":"dropColumn","column":{"schema":"","table":"post","name":"nowhere"},"reasons":[],"risk":"destructive"},\n',
                    ),
                ),
        },
        {
            what: 'an entity TypeORM loads by glob with a syntax error: that file, line and message (was exit 3, "Unable to compile TypeScript:")',
            args: ["generate", "-m", "x", "-d", "glob-data-source.ts"],
            message: /cannot compile TypeScript: entities\/post\.ts:3:6 - error TS1128: Declaration or statement expected\.$/,
            prepare: (cwd) => {
                mkdirSync(join(cwd, "entities"));
                writeFileSync(join(cwd, "entities", "post.ts"), "export class Post {\n    id!: number;\n    }}\n");
                writeFileSync(
                    join(cwd, "glob-data-source.ts"),
                    [
                        `const { DataSource } = require(${JSON.stringify(require.resolve("typeorm"))});`,
                        'export default new DataSource({ type: "better-sqlite3", database: ":memory:", entities: [__dirname + "/entities/*.ts"] });',
                    ].join("\n"),
                );
            },
        },
        {
            what: "a negative lock timeout",
            args: ["upgrade", "-d", ds, "--lock-timeout", "-3"],
            message: /--lock-timeout -3: give a number of seconds, 0 or more/,
        },
        {
            what: "an unknown bind",
            args: ["upgrade", "-d", ds, "--bind", "reporting"],
            message: /^typeorm-migrate: error: unknown bind "reporting": a single data source has "default"; -d names one data source, bind "default"$/,
        },
        { what: "a missing config file", args: ["upgrade", "-c", "no-such-config.json"], message: /config file not found: no-such-config\.json/ },
        {
            what: "a missing data source file",
            args: ["upgrade", "-d", "no-such-data-source.ts"],
            message: /data source file not found: no-such-data-source\.ts/,
        },
        {
            what: 'a data source with a TypeScript syntax error: file, line and the compiler\'s message (was only "Unable to compile TypeScript:")',
            args: ["generate", "-m", "x", "-d", "broken-data-source.ts"],
            message: /cannot load broken-data-source\.ts: broken-data-source\.ts:2:67 - error TS1109: Expression expected\.$/,
            prepare: (cwd) =>
                writeFileSync(
                    join(cwd, "broken-data-source.ts"),
                    'import { DataSource } from "typeorm";\nexport default new DataSource({ type: "better-sqlite3", database: ; });\n',
                ),
        },
        {
            what: "an entity file the data source imports with a syntax error: that file, line and message",
            args: ["generate", "-m", "x", "-d", "data-source.ts"],
            message: /cannot load data-source\.ts: entities\/post\.ts:3:6 - error TS1128: Declaration or statement expected\.$/,
            prepare: (cwd) => {
                mkdirSync(join(cwd, "entities"));
                writeFileSync(join(cwd, "entities", "post.ts"), "export class Post {\n    id!: number;\n    }}\n");
                writeFileSync(join(cwd, "data-source.ts"), 'import { Post } from "./entities/post";\nexport const entities = [Post];\n');
            },
        },
    ];

    for (const { what, args, message, prepare } of cases) {
        it(what, () => {
            const cwd = mkdtempSync(join(tmpdir(), "tm-bad-"));
            try {
                cpSync(pristine, cwd, { recursive: true });
                prepare?.(cwd);
                const before = listing(cwd);
                const run = runCli(args, { cwd, env: { BLOG_DB: join(cwd, "blog.sqlite") } });
                expect(run.status, `no exit within ${deadlineMs} ms (killed)`).to.not.equal(null);
                expect(run.status, run.stderr).to.equal(2);
                const lines = run.stderr.trim().split("\n");
                expect(lines, run.stderr).to.have.length(1);
                expect(lines[0])
                    .to.match(/^typeorm-migrate: error: /)
                    .and.match(message);
                expect(listing(cwd)).to.deep.equal(before);
            } finally {
                rmSync(cwd, { recursive: true, force: true });
            }
        });
    }
});
