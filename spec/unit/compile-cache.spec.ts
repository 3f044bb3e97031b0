import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { codeCacheMagic } from "../../cli/code-cache/code-cache-file";
import { codeCacheFileName, CompileCache } from "../../cli/code-cache/compile-cache";

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

// The same cache in this process, to see what it holds and writes while modules compile.
describe("code cache: what it keeps", () => {
    let folder: string;
    let file: string;
    beforeEach(() => {
        folder = join(mkdtempSync(join(tmpdir(), "tm-code-cache-kept-")), "cache");
        file = join(folder, codeCacheFileName);
    });
    afterEach(() => rmSync(dirname(folder), { recursive: true, force: true }));

    /** A module's source; `size` lines make its code longer. */
    const source = (name: string, size = 1) => `"use strict";\n` + Array.from({ length: size }, (_, i) => `exports.${name}${i} = (n) => n + ${i};\n`).join("");
    /** Compiles each source as if it were the module `<name>.js`; the wrappers run them. */
    const compile = (cache: CompileCache, sources: Record<string, string>) => {
        for (const [name, text] of Object.entries(sources)) {
            const wrapper = cache.compile(text, join(folder, "..", `${name}.js`));
            expect(wrapper, name).to.be.a("function");
        }
    };
    const temporaries = () => readdirSync(folder).filter((name) => name.endsWith(".tmp"));

    it("holds none of the code it makes: each module's is written beside the cache as it compiles", () => {
        const cache = new CompileCache(file);
        compile(cache, { a: source("a", 50), b: source("b", 50), c: source("c") });
        expect(cache.counts).to.deep.equal({ hits: 0, misses: 3, written: false });
        expect(buffersIn(cache)).to.deep.equal([]);
        const made = cache.madeIndex;
        expect(made.map(([name]) => basename(name))).to.deep.equal(["a.js", "b.js", "c.js"]);
        const [temporary] = temporaries();
        expect(temporaries()).to.have.length(1);
        expect(temporary.startsWith(`${codeCacheFileName}.${process.pid}-`)).to.equal(true);
        const code = made.reduce((sum, [, , , length]) => sum + length, 0);
        expect(code).to.be.greaterThan(1000);
        expect(statSync(join(folder, temporary)).size).to.equal(codeCacheMagic.length + code);
        cache.save();
        expect(cache.counts.written).to.equal(true);
        expect(readdirSync(folder)).to.deep.equal([codeCacheFileName]);
        const next = new CompileCache(file);
        compile(next, { a: source("a", 50), b: source("b", 50), c: source("c") });
        expect(next.counts).to.deep.equal({ hits: 3, misses: 0, written: false });
        next.save();
        expect(readdirSync(folder)).to.deep.equal([codeCacheFileName]);
    });

    it("writes a module compiled twice from one source once (user modules loaded again)", () => {
        const cache = new CompileCache(file);
        compile(cache, { a: source("a", 50) });
        const [once] = cache.madeIndex;
        compile(cache, { a: source("a", 50) });
        expect(cache.madeIndex).to.deep.equal([once]);
        expect(statSync(join(folder, temporaries()[0])).size).to.equal(codeCacheMagic.length + once[3]);
        compile(cache, { a: source("a", 60) });
        expect(cache.madeIndex).to.have.length(1);
        expect(cache.madeIndex[0][1]).not.to.equal(once[1]);
        cache.save();
    });

    it("keeps to its size: this command's modules first, then those it used, then the most recently used", () => {
        const sources = { a: source("a", 5), b: source("b", 5), c: source("c", 5) };
        // The length of each module's code, from a cache of its own.
        const scratch = new CompileCache(join(folder, "..", "scratch", codeCacheFileName));
        compile(scratch, sources);
        const length = new Map(scratch.madeIndex.map(([name, , , bytes]) => [basename(name), bytes]));
        scratch.save();
        const first = new CompileCache(file);
        compile(first, { a: sources.a, b: sources.b });
        first.save();
        // Room for two: c.js, compiled anew, and a.js, used; b.js was last used with a.js.
        const second = new CompileCache(file, undefined, (length.get("c.js") ?? 0) + (length.get("a.js") ?? 0));
        compile(second, { c: sources.c, a: sources.a });
        expect(second.counts).to.include({ hits: 1, misses: 1 });
        expect(second.madeIndex.map(([, , , bytes]) => bytes)).to.deep.equal([length.get("c.js")]);
        second.save();
        expect(second.counts.written).to.equal(true);
        const third = new CompileCache(file);
        compile(third, sources);
        expect(third.counts).to.include({ hits: 2, misses: 1 });
        third.save();
    });

    it("removes the temporary files of writers gone an hour ago (a command killed by Ctrl-C), not newer ones", () => {
        mkdirSync(folder, { recursive: true });
        const old = join(folder, `${codeCacheFileName}.1-0123abcd.tmp`);
        const recent = join(folder, `${codeCacheFileName}.2-4567cdef.tmp`);
        const stateCaches = join(folder, `0123456789abcdef.json.3-89abcdef.tmp`);
        for (const name of [old, recent, stateCaches]) writeFileSync(name, "partly written");
        const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
        utimesSync(old, twoHoursAgo, twoHoursAgo);
        utimesSync(stateCaches, twoHoursAgo, twoHoursAgo);
        const cache = new CompileCache(file);
        compile(cache, { a: source("a") });
        cache.save();
        expect(readdirSync(folder).sort()).to.deep.equal([codeCacheFileName, basename(stateCaches), basename(recent)].sort());
    });

    it("leaves no temporary file behind when the cache cannot be put in place", () => {
        // A folder where the file goes: the rename fails.
        mkdirSync(join(file, "in-the-way"), { recursive: true });
        const cache = new CompileCache(file);
        compile(cache, { a: source("a") });
        expect(temporaries()).to.have.length(1);
        cache.save();
        expect(cache.counts).to.deep.equal({ hits: 0, misses: 1, written: false });
        expect(readdirSync(folder)).to.deep.equal([codeCacheFileName]);
    });
});

/** The Buffers, ArrayBuffers and typed arrays reachable from `root` through properties, arrays, maps and sets. */
function buffersIn(root: unknown): string[] {
    const found: string[] = [];
    const seen = new Set<unknown>();
    const visit = (value: unknown, path: string) => {
        if (value === null || typeof value !== "object" || seen.has(value)) return;
        seen.add(value);
        if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
            found.push(path);
            return;
        }
        if (value instanceof Map) for (const [key, entry] of value as Map<unknown, unknown>) visit(entry, `${path}.get(${String(key)})`);
        else if (value instanceof Set) for (const entry of value as Set<unknown>) visit(entry, `${path}[entry]`);
        for (const key of Reflect.ownKeys(value)) visit(Reflect.get(value, key), `${path}.${String(key)}`);
    };
    visit(root, "cache");
    return found;
}
