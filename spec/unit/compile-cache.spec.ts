import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codeCacheFileName } from "../../cli/code-cache/compile-cache";

// The CLI's V8 code cache (cli/code-cache/compile-cache.ts), in a process of its own each time as
// the CLI uses it: installed first, modules required, the cache written at exit.

const installer = join(__dirname, "..", "..", "cli", "code-cache", "compile-cache.js");

interface Run {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** The cache's counts at exit. */
    readonly counts: { hits: number; misses: number; written: boolean };
}

/**
 * Installs the cache kept in `folder` (none: Node's own loader), requires `entry` and prints what
 * `print(exports)` gives. One script file for every run: V8's code is kept per Node flags, `-e`'s
 * text among them.
 */
function run(folder: string | null, entry: string, print = "JSON.stringify(exports)"): Run {
    const script = [
        `const [folder, entry] = JSON.parse(process.argv[2]);`,
        `const cache = require(${JSON.stringify(installer)}).installCompileCache(folder);`,
        `process.on("exit", () => process.stderr.write("\\ncounts " + JSON.stringify(cache ? cache.counts : null) + "\\n"));`,
        `const loaded = require(entry);`,
        `Promise.resolve(loaded).then((exports) => console.log(${print}));`,
    ].join("\n");
    const file = join(tmpdir(), `tm-code-cache-run-${process.pid}.cjs`);
    writeFileSync(file, script);
    const result = spawnSync(process.execPath, [file, JSON.stringify([folder, entry])], { encoding: "utf8" });
    const counts = /\ncounts (.*)\n/.exec(result.stderr);
    return {
        status: result.status,
        stdout: result.stdout.trim(),
        stderr: result.stderr,
        counts: counts ? ((JSON.parse(counts[1]) as Run["counts"] | null) ?? { hits: 0, misses: 0, written: false }) : { hits: -1, misses: -1, written: false },
    };
}

describe("code cache", () => {
    let root: string;
    let folder: string;
    beforeEach(() => {
        root = mkdtempSync(join(tmpdir(), "tm-code-cache-"));
        folder = join(root, "cache");
        mkdirSync(join(root, "src"));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));
    after(() => rmSync(join(tmpdir(), `tm-code-cache-run-${process.pid}.cjs`), { force: true }));

    const write = (name: string, text: string) => {
        writeFileSync(join(root, "src", name), text);
        return join(root, "src", name);
    };

    it("compiles the modules the second run loads from the code the first made, and writes nothing then", () => {
        write("b.js", `"use strict";\nexports.twice = (n) => 2 * n;\n`);
        const entry = write("a.js", `"use strict";\nconst { twice } = require("./b");\nmodule.exports = { four: twice(2) };\n`);
        const first = run(folder, entry);
        expect(first.stdout, first.stderr).to.equal(`{"four":4}`);
        expect(first.counts).to.deep.equal({ hits: 0, misses: 2, written: true });
        expect(readdirSync(folder)).to.deep.equal([codeCacheFileName]);
        const second = run(folder, entry);
        expect(second.stdout, second.stderr).to.equal(`{"four":4}`);
        expect(second.counts).to.deep.equal({ hits: 2, misses: 0, written: false });
    });

    it("never runs the code of a module's earlier source, even one of the same length", () => {
        const entry = write("a.js", `module.exports = "old";\n`);
        expect(run(folder, entry).stdout).to.equal(`"old"`);
        write("a.js", `module.exports = "new";\n`);
        const edited = run(folder, entry);
        expect(edited.stdout, edited.stderr).to.equal(`"new"`);
        expect(edited.counts).to.deep.equal({ hits: 0, misses: 1, written: true });
        expect(run(folder, entry).counts.hits).to.equal(1);
    });

    it("gives a module what Node's loader gives it: this, require and its resolve, module, __filename, __dirname, strict mode", () => {
        write("b.js", `module.exports = module.parent && module.parent.id;\n`);
        const entry = write(
            "a.js",
            [
                `"use strict";`,
                `const self = this;`,
                `const sloppy = require("./c");`,
                `module.exports = {`,
                `    thisIsExports: self === exports && exports === module.exports,`,
                `    file: __filename, dir: __dirname, id: module.id === __filename,`,
                `    resolved: require.resolve("./b"), paths: Array.isArray(require.resolve.paths("x")),`,
                `    parentOfB: require("./b") === module.id, children: module.children.map((child) => child.filename),`,
                `    cache: require.cache[__filename] === module, main: require.main === process.mainModule,`,
                `    extensions: typeof require.extensions[".js"], strict: (function () { return this; })() === undefined, sloppy,`,
                `};`,
            ].join("\n"),
        );
        write("c.js", `module.exports = (function () { return this; })() === globalThis;\n`);
        const node = run(null, entry);
        expect(JSON.parse(node.stdout), node.stderr).to.include({
            thisIsExports: true,
            resolved: join(root, "src", "b.js"),
            parentOfB: true,
            strict: true,
            sloppy: true,
        });
        expect((JSON.parse(node.stdout) as { children: string[] }).children).to.deep.equal([join(root, "src", "c.js"), join(root, "src", "b.js")]);
        const cold = run(folder, entry);
        const warm = run(folder, entry);
        expect(warm.counts.hits).to.equal(3);
        for (const attempt of [cold, warm]) expect(JSON.parse(attempt.stdout), attempt.stderr).to.deep.equal(JSON.parse(node.stdout));
    });

    it("keeps stack traces on the module's own file, line and column (the first line's too)", () => {
        const entry = write(
            "a.js",
            `module.exports = new Error("first").stack.split("\\n")[1];\nmodule.exports += "|" + (() => new Error("third"))().stack.split("\\n")[1];\n`,
        );
        const expected = `at Object.<anonymous> (${entry}:1:18)|    at ${entry}:2:32`;
        for (const attempt of [run(null, entry), run(folder, entry), run(folder, entry)])
            expect(JSON.parse(attempt.stdout), attempt.stderr).to.include(expected);
        expect(run(folder, entry).counts.hits).to.equal(1);
    });

    it("leaves ES modules, ES syntax in a .js file and modules that may import() to Node", () => {
        write("esm.mjs", `export const kind = "esm";\n`);
        write("detected.js", `export const kind = "detected";\n`);
        write("plain.js", `module.exports = "plain";\n`);
        const entry = write(
            "a.js",
            `module.exports = Promise.all([import("./esm.mjs"), import("./detected.js"), require("./plain")]).then(([a, b, c]) => [a.kind, b.kind, c]);\n`,
        );
        for (const attempt of [run(folder, entry), run(folder, entry)]) {
            expect(attempt.stdout, attempt.stderr).to.equal(`["esm","detected","plain"]`);
            expect(attempt.stderr).not.to.match(/Warning/);
        }
        expect(run(folder, entry).counts).to.deep.equal({ hits: 1, misses: 0, written: false });
    });

    it("runs a command whose cache cannot be written, or is damaged, as if there were none", () => {
        const entry = write("a.js", `module.exports = 1;\n`);
        // A folder under a file: no one can make it, root included.
        const failed = run(join(entry, "cache"), entry);
        expect(failed.status, failed.stderr).to.equal(0);
        expect(failed.stdout).to.equal("1");
        expect(failed.counts).to.deep.equal({ hits: 0, misses: 1, written: false });
        mkdirSync(folder);
        writeFileSync(join(folder, codeCacheFileName), "not a cache");
        const damaged = run(folder, entry);
        expect(damaged.stdout, damaged.stderr).to.equal("1");
        expect(damaged.counts).to.deep.equal({ hits: 0, misses: 1, written: true });
        expect(readFileSync(join(folder, codeCacheFileName)).length).to.be.greaterThan(20);
        expect(readdirSync(folder)).to.deep.equal([codeCacheFileName]);
    });

    it("keeps the code of modules another command loaded", () => {
        const one = write("one.js", `module.exports = 1;\n`);
        const two = write("two.js", `module.exports = 2;\n`);
        run(folder, one);
        expect(run(folder, two).counts).to.deep.equal({ hits: 0, misses: 1, written: true });
        expect(run(folder, one).counts.hits).to.equal(1);
        expect(run(folder, two).counts.hits).to.equal(1);
    });
});
