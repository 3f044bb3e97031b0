import Module from "node:module";
import { relative } from "node:path";
import { compileForNode } from "./compile-for-node";
import { UserFileError } from "./errors";
import { isTypeScriptFile, moduleFormatOf } from "./module-format";
import { resolveTypeScriptRequest } from "./resolve-typescript-request";

let installed = false;

/**
 * Teaches `require` the user's TypeScript (TypeORM requires entity and migration globs in a
 * CommonJS project): `.ts`/`.cts` compile through the project's TypeScript, and a TypeScript
 * file's imports resolve as tsc resolves them (tsconfig `paths`, `./x.js` naming `./x.ts`). Node's
 * hooks it replaces are typed in `node-module-internals.d.ts`.
 */
export function installRequireHook(): void {
    if (installed) return;
    installed = true;
    process.setSourceMapsEnabled(true);
    const compile: (typeof Module._extensions)[string] = (module, file) => {
        if (moduleFormatOf(file) === "module") {
            throw new UserFileError(
                `${relative(process.cwd(), file) || file} is an ES module (package.json "type": "module") and was loaded with require: import it instead`,
            );
        }
        module._compile(compileForNode(file, "commonjs"), file);
    };
    for (const extension of [".ts", ".cts", ".tsx", ".mts"]) Module._extensions[extension] = compile;
    const resolveFilename = Module._resolveFilename;
    Module._resolveFilename = function (request, parent, ...rest) {
        try {
            return resolveFilename.call(this, request, parent, ...rest);
        } catch (error) {
            const from = parent?.filename;
            if ((error as { code?: string }).code !== "MODULE_NOT_FOUND" || typeof from !== "string" || !isTypeScriptFile(from)) throw error;
            const found = resolveTypeScriptRequest(request, from);
            if (found === null) throw error;
            return found;
        }
    };
}
