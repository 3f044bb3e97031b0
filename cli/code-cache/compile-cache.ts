import * as crypto from "node:crypto";
import { createHash } from "node:crypto";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { compileFunction } from "node:vm";
import { CodeCacheFile } from "./code-cache-file";
import { CodeCacheWriter } from "./code-cache-writer";

/** What a cache did in this process: modules compiled from kept code, compiled anew, and whether it was written. */
export interface CodeCacheCounts {
    hits: number;
    misses: number;
    written: boolean;
}

/** The name of the cache file in the cache folder. */
export const codeCacheFileName = "code-cache.bin";

/** Above this the least recently used modules are left out (1,000 entities, TypeORM and pg make ~4 MB). */
const sizeLimit = 64 * 1024 * 1024;

/** Node's CommonJS wrapper's parameters (`Module.wrapper`). */
const wrapperParameters = ["exports", "require", "module", "__filename", "__dirname"];

/**
 * A V8 code cache for the CommonJS modules the CLI loads (TypeORM's ~300, pg, the user's compiled
 * entities, this tool's ~250): at 1,000 entities Node spent ~200-300 ms of each `generate` in
 * compiling them (wrapSafe, --cpu-prof), ~70 ms of it in TypeORM alone. Node 20 has no
 * `module.enableCompileCache()` (22+), so this compiles each `.js`/`.cjs` module as Node does,
 * `vm.compileFunction` of its source with the wrapper's parameters (the same function, lines and
 * columns), handing V8 the code it made for that module the last time.
 *
 * The code is made as a module compiles: its top level and what V8 compiled eagerly, 4.2 MB for
 * the 1,600 modules. `vm.Script.createCachedData()` after the command would hold more, but a
 * script needs the wrapper in its source, a copy of every module's text, and at 1,000 entities
 * that grew V8's young generation from 16 to 32 MB (peak RSS +16 MB); this costs none.
 *
 * A module's code is used only for the very source it was made from (a digest of the text: V8
 * itself checks only the length) and the same Node, V8 and starting flags (V8 also refuses code
 * made under other flags, such as those the CLI sets at run time); kept in one file, replaced at
 * exit when anything was compiled anew. The code made meanwhile goes to the new file as each module
 * compiles, not held: a cold `generate` at 10,000 tables makes 27 MB of it, which stayed in memory
 * through the whole command (peak RSS ~40 MB higher, 4 runs each). Modules it does not take go
 * through Node's own `_compile`: ES modules, a source that does not compile as CommonJS (Node then tries it as an
 * ES module), one that may call `import()` (see `mayImport`), anything compiled while source
 * maps are on (Node reads a module's map as it compiles it; loading the user's TypeScript turns
 * them on) or under a debugger.
 */
export class CompileCache {
    readonly counts: CodeCacheCounts = { hits: 0, misses: 0, written: false };
    private kept: CodeCacheFile | null = null;
    /** The new file: the code of the modules this process compiles anew, then the kept modules'. */
    private readonly writer: CodeCacheWriter;

    constructor(
        private readonly file: string,
        private readonly runtime: string = runtimeKey(),
        limit: number = sizeLimit,
    ) {
        this.writer = new CodeCacheWriter(file, limit);
    }

    /** The module's wrapper function; null for a source Node's own loader must compile. */
    compile(content: string, filename: string): ((...args: unknown[]) => unknown) | null {
        const digest = digestOf(content);
        const kept = this.keptFile().codeOf(filename, digest);
        let wrapper: ReturnType<typeof compileFunction>;
        try {
            wrapper = compileFunction(content, wrapperParameters, {
                filename,
                cachedData: kept?.bytes,
                produceCachedData: kept === undefined,
            });
        } catch {
            return null;
        }
        if (kept !== undefined && wrapper.cachedDataRejected !== true) {
            this.counts.hits++;
            kept.entry.used = true;
        } else {
            this.counts.misses++;
            // Refused code (another V8 build or flags under the same key) is not made again here: the next command makes it.
            this.writer.add(filename, digest, Date.now(), wrapper.cachedData);
        }
        return wrapper as (...args: unknown[]) => unknown;
    }

    /** What the cache holds of the modules written so far: where their code is in the new file, never the code (for specs). */
    get madeIndex(): CodeCacheWriter["index"] {
        return this.writer.index;
    }

    /** Writes the cache when a module was compiled anew: this command's modules, then the others kept, most recently used first. */
    save(): void {
        const kept = this.keptFile();
        try {
            if (this.counts.misses === 0) return;
            const now = Date.now();
            const others = [...kept.entries]
                .filter(([file]) => !this.writer.has(file))
                .sort(([, a], [, b]) => Number(b.used) - Number(a.used) || b.usedAt - a.usedAt);
            for (const [file, entry] of others) this.writer.add(file, entry.digest, entry.used ? now : entry.usedAt, kept.bytesOf(entry));
            this.counts.written = this.writer.finish(this.runtime);
        } finally {
            this.writer.abandon();
            kept.close();
        }
    }

    private keptFile(): CodeCacheFile {
        this.kept ??= CodeCacheFile.open(this.file, this.runtime);
        return this.kept;
    }
}

/**
 * Compiles the process's CommonJS modules through a code cache kept in `folder` (see
 * cache-folder.ts), written when the process exits. Returns the cache (its counts), or null when
 * there is none (no folder, or a debugger).
 */
export function installCompileCache(folder: string | null): CompileCache | null {
    if (folder === null || underDebugger()) return null;
    const nodeCompile = Module.prototype._compile;
    const cache = new CompileCache(join(folder, codeCacheFileName));
    Module.prototype._compile = function (this: NodeJS.Module, content: string, filename: string, format?: string) {
        const wrapper =
            format === "module" || !/\.c?js$/.test(filename) || process.sourceMapsEnabled || mayImport(content) ? null : cache.compile(content, filename);
        if (wrapper === null) return nodeCompile.call(this, content, filename, format);
        const exports: unknown = this.exports;
        return Reflect.apply(wrapper, exports, [exports, requireOf(this), this, filename, dirname(filename)]);
    };
    process.once("exit", () => {
        try {
            cache.save();
        } catch {
            // A cache is never worth a failed command.
        }
    });
    return cache;
}

/**
 * Whether a source may call `import()`: V8 loses what Node needs to run it from a function
 * compiled from cached code (Node 20: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING; `vm`'s
 * `USE_MAIN_CONTEXT_DEFAULT_LOADER` works without cached code only, and warns it is
 * experimental). Any mention of the word, comments and strings included (TypeORM's ImportUtils
 * builds its `import()` with `Function`): 12 of the 1,600 modules a 1,000-entity `generate`
 * loads, 3% of their text.
 */
function mayImport(content: string): boolean {
    return /\bimport\b/.test(content);
}

/** The `require` Node gives a module (its `makeRequireFunction`): the module's own `require`, `resolve`, `resolve.paths`, `main`, `extensions`, `cache`. */
function requireOf(module: NodeJS.Module): NodeJS.Require {
    const require = function require(id: string): unknown {
        return module.require(id);
    } as NodeJS.Require;
    const resolve = function resolve(request: string, options?: { paths?: string[] }): string {
        if (typeof request !== "string")
            throw Object.assign(new TypeError(`The "request" argument must be of type string. Received ${typeof request}`), { code: "ERR_INVALID_ARG_TYPE" });
        return Module._resolveFilename(request, module, false, options);
    } as NodeJS.RequireResolve;
    // Node's own `_resolveLookupPaths(request, module)`: the module's folders and the global ones.
    resolve.paths = (request: string) => createRequire(module.filename).resolve.paths(request);
    require.resolve = resolve;
    // The process's main module, as Node's `process.mainModule` (deprecated to read, same object).
    require.main = requireMain;
    // Every module's `require.extensions` and `require.cache` are the loader's (`Module._extensions`, `Module._cache`).
    require.extensions = ownRequire.extensions;
    require.cache = ownRequire.cache;
    return require;
}

/** Node's one-shot `crypto.hash` (20.12+; not in @types/node 20): no Hash object a module; SHA-256 measured faster than SHA-1 here (CPU SHA extensions). */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: "base64") => string }).hash;

function digestOf(content: string): string {
    return oneShotHash?.("sha256", content, "base64") ?? createHash("sha256").update(content).digest("base64");
}

/** This module's own `require`: the main module (the CLI's, whose entry loads this module first) and the loader's cache are every module's. */
const ownRequire = require;
const requireMain = require.main;

function startingFlags(): string[] {
    return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
}

/** What V8's code depends on besides the source: Node and V8 versions, platform, the flags the process started with. */
function runtimeKey(): string {
    return [process.version, process.versions.v8, process.platform, process.arch, ...startingFlags()].join("\u0000");
}

/** Node compiles the main module paused for `--inspect-brk`; a debugger is left to Node's own loader. */
function underDebugger(): boolean {
    return startingFlags().some((flag) => /^--inspect|^--debug/.test(flag));
}
