// The CLI's one door into the library: its public entry, lib/index.ts, as a script would use it.
//
// - Types: `import type { ... } from "../lib/index"`, anywhere in cli/ (erased at compile time).
// - Values: `lib().name`. The library is loaded on first use, so that `--help` loads neither TypeORM
//   nor the TypeScript compiler (spec/cli/workflow.spec.ts traces the modules `--help` loads).
// - Except the leaves re-exported below, imported from their own modules here and nowhere else in
//   cli/: modules that load nothing at run time but each other, each name also exported by
//   lib/index.ts. Error reporting needs them when the library cannot load at all (TypeORM missing
//   or broken), the CLI's error classes extend them before anything loads, and `init` without a
//   data source needs no TypeORM (spec/cli/library-not-loaded.spec.ts).

import { installCodeCacheForCli } from "./code-cache/install";

export { ExitCode, TypeormMigrateError, type ExitCodeValue } from "../lib/errors";
export { maskCredentials } from "../lib/load/mask-credentials";
export { compileErrorSummary } from "../lib/load/typescript-diagnostics";
export { configFileNames, defaultMigrationsDir } from "../lib/config/config";
export { cacheFolder, temporaryBeside } from "../lib/store/cache-folder";

/**
 * The library, loaded on first use so that `--help` does not load TypeORM; it and all the CLI
 * loads after it (TypeORM, the driver, the user's entities) compile through the code cache
 * (cli/code-cache/).
 */
export function lib(): typeof import("../lib/index") {
    installCodeCacheForCli();
    return require("../lib/index") as typeof import("../lib/index");
}
