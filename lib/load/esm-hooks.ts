// Runs on Node's module-hooks thread (registered by register-esm-hooks.ts): ES modules of the
// user's in TypeScript, and their imports resolved as tsc resolves them.
import { fileURLToPath, pathToFileURL } from "node:url";
import type { MessagePort } from "node:worker_threads";
import { compileForNode, isTypeAwareEmit, useTypeAwareEmit } from "./compile-for-node";
import { isTypeScriptFile, moduleFormatOf } from "./module-format";
import { resolveTypeScriptRequest } from "./resolve-typescript-request";

interface Resolved {
    url: string;
    format?: string | null;
    shortCircuit?: boolean;
}
interface Loaded {
    format: string;
    source?: string | Buffer | null;
    shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: { parentURL?: string }) => Promise<Resolved>;
type NextLoad = (url: string, context: object) => Promise<Loaded>;

/** Marks modules emitted with types, so they are new module instances, not the transpiled ones already cached. */
const typeAwareQuery = "?typeorm-migrate=types";
const notFound = new Set(["ERR_MODULE_NOT_FOUND", "ERR_UNSUPPORTED_DIR_IMPORT", "ERR_INVALID_MODULE_SPECIFIER", "ERR_PACKAGE_IMPORT_NOT_DEFINED"]);

export function initialize(data: { port: MessagePort }): void {
    data.port.on("message", (message) => {
        if (message === "type-aware") useTypeAwareEmit();
        data.port.postMessage(message);
    });
    data.port.unref();
}

export async function resolve(specifier: string, context: { parentURL?: string }, next: NextResolve): Promise<Resolved> {
    let resolved: Resolved;
    try {
        resolved = await next(specifier, context);
    } catch (error) {
        const parent = context.parentURL?.startsWith("file:") ? fileURLToPath(context.parentURL) : null;
        if (parent === null || !isTypeScriptFile(parent) || !notFound.has((error as { code?: string }).code ?? "")) throw error;
        const found = resolveTypeScriptRequest(specifier, parent);
        if (found === null) throw error;
        resolved = { url: pathToFileURL(found).href, shortCircuit: true };
    }
    return isTypeAwareEmit() && isUserTypeScript(resolved.url) && !resolved.url.includes("?") ? { ...resolved, url: resolved.url + typeAwareQuery } : resolved;
}

export async function load(url: string, context: object, next: NextLoad): Promise<Loaded> {
    if (!isUserTypeScript(url)) return next(url, context);
    const file = fileURLToPath(url);
    // CommonJS goes to Node's CommonJS loader, whose require hook compiles it on the main thread:
    // one module instance whether it is imported or required.
    if (moduleFormatOf(file) === "commonjs") return { format: "commonjs", shortCircuit: true };
    return { format: "module", source: compileForNode(file, "module"), shortCircuit: true };
}

function isUserTypeScript(url: string): boolean {
    return url.startsWith("file:") && !url.includes("/node_modules/") && isTypeScriptFile(fileURLToPath(url));
}
