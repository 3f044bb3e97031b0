import { pathToFileURL } from "node:url";
import { withDriverPackagesDeferred } from "../typeorm";
import { removeScratchOnExit } from "./native-tsc";
import { isTypeScriptFile, moduleFormatOf } from "./module-format";
import { registerEsmHooks } from "./register-esm-hooks";
import { installRequireHook } from "./require-hook";
import { requireTypeScript } from "./typescript-compiler";

/**
 * Loads a user's file (data source, config, migration) as Node would run it — `import()` for an ES
 * module, `require` for CommonJS, decided as Node decides — with TypeScript compiled by the
 * project's own compiler. The same hooks serve the entity and migration files TypeORM loads by
 * glob afterwards, so each file exists once. The database client a `new DataSource()` in it would
 * load is loaded when first used (`withDriverPackagesDeferred`).
 *
 * @param what what the file is, for the message when it is TypeScript and no compiler is installed
 */
export async function loadUserModule(file: string, what: string): Promise<Record<string, unknown>> {
    const format = moduleFormatOf(file);
    if (isTypeScriptFile(file)) {
        requireTypeScript(file, what);
        removeScratchOnExit();
        installRequireHook();
        if (format === "module") registerEsmHooks();
    }
    return withDriverPackagesDeferred(async () => {
        if (format === "commonjs") return require(file) as Record<string, unknown>;
        return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    });
}
