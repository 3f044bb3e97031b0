// The CLI's code cache (see compile-cache.ts), installed by cli/lib.ts as the library loads: the
// library, TypeORM, the driver and the user's entities are what is worth caching, and `--help`
// (which loads none of them) stays as it was.
import { resolve } from "node:path";
import { cacheFolder } from "../lib";
import type { CompileCache } from "./compile-cache";

const entry = resolve(__dirname, "..", "main.js");
let installed = false;

/**
 * From here on, every CommonJS module this process loads compiles through the code cache; once,
 * and only when the CLI is the process's entry (not a test calling its commands in-process).
 * Returns the cache; null when none.
 */
export function installCodeCacheForCli(): CompileCache | null {
    if (installed || require.main?.filename !== entry) return null;
    installed = true;
    // Loaded here, not above: `--help` loads this module (cli/lib.ts) but never calls this.
    const { installCompileCache } = require("./compile-cache") as typeof import("./compile-cache");
    const cache = installCompileCache(cacheFolder(process.cwd()));
    // A test's window on the cache: the counts, on stderr at exit.
    if (cache !== null && process.env.TYPEORM_MIGRATE_DEBUG_CODE_CACHE === "1") {
        process.once("exit", () => process.stderr.write(`code cache: ${JSON.stringify(cache.counts)}\n`));
    }
    return cache;
}
