// Imported first by cli/main.ts, for its side effect: when the CLI is the process's entry (not a
// test importing buildCli), every CommonJS module loaded after this one compiles through the code
// cache (see compile-cache.ts).
import { resolve } from "node:path";
import { cacheFolder } from "./cache-folder";
import { installCompileCache, type CompileCache } from "./compile-cache";

const entry = resolve(__dirname, "..", "main.js");

/** The cache this process compiles through; null when none. */
export const compileCache: CompileCache | null = require.main?.filename === entry ? installCompileCache(cacheFolder(process.cwd())) : null;

// A test's window on the cache: the counts, on stderr at exit.
if (compileCache !== null && process.env.TYPEORM_MIGRATE_DEBUG_CODE_CACHE === "1") {
    process.once("exit", () => process.stderr.write(`code cache: ${JSON.stringify(compileCache.counts)}\n`));
}
