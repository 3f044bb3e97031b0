import Module from "node:module";
import { relative } from "node:path";
import { compileForNode } from "./compile-for-node";
import { UserFileError } from "./errors";
import { isTypeScriptFile, moduleFormatOf } from "./module-format";
import { resolveTypeScriptRequest } from "./resolve-typescript-request";

interface ModuleInternals {
    _extensions: Record<string, (module: { _compile(code: string, file: string): void }, file: string) => void>;
    _resolveFilename(request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]): string;
}

let installed = false;

/**
 * Teaches `require` the user's TypeScript (TypeORM requires entity and migration globs in a
 * CommonJS project): `.ts`/`.cts` compile through the project's TypeScript, and a TypeScript
 * file's imports resolve as tsc resolves them (tsconfig `paths`, `./x.js` naming `./x.ts`).
 */
export function installRequireHook(): void {
    if (installed) return;
    installed = true;
    process.setSourceMapsEnabled(true);
    const internals = Module as unknown as ModuleInternals;
    const compile: ModuleInternals["_extensions"][string] = (module, file) => {
        if (moduleFormatOf(file) === "module") {
            throw new UserFileError(
                `${relative(process.cwd(), file) || file} is an ES module (package.json "type": "module") and was loaded with require: import it instead`,
            );
        }
        module._compile(compileForNode(file, "commonjs"), file);
    };
    for (const extension of [".ts", ".cts", ".tsx", ".mts"]) internals._extensions[extension] = compile;
    const resolveFilename = internals._resolveFilename;
    internals._resolveFilename = function (request, parent, ...rest) {
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
