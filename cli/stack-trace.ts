import { existsSync } from "node:fs";
import { findSourceMap } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * An error's stack for `--verbose`, each frame pointing at a file that exists. Source maps are on
 * for the user's TypeScript, and Node then maps every module that ships a map, TypeORM's included,
 * whose maps name `../src/*.ts` files its package does not install: such a frame keeps its `.js`
 * location. Stacks are formatted on first access, so this works unless something read it before.
 */
export function stackOf(error: Error): string {
    const own = formattedStack(error);
    // A cause whose stack was not copied into this one already (see UserFileError.causedBy).
    return error.cause instanceof Error && !own.includes("\nCaused by: ") ? `${own}\nCaused by: ${stackOf(error.cause)}` : own;
}

function formattedStack(error: Error): string {
    // Node's own formatter (the one that applies source maps) is put back as it was: a property of Error.
    const previous = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
    Error.prepareStackTrace = (thrown: Error, sites: CallSite[]) => [headingOf(thrown), ...sites.map((site) => `    at ${describeSite(site)}`)].join("\n");
    try {
        return String(error.stack);
    } finally {
        if (previous === undefined) Reflect.deleteProperty(Error, "prepareStackTrace");
        else Object.defineProperty(Error, "prepareStackTrace", previous);
    }
}

/** The stack's first line as V8 writes it (`Error.prototype.toString`): `name: message`. */
function headingOf(error: Error): string {
    const { name, message } = error;
    if (name === "") return message;
    return message === "" ? name : `${name}: ${message}`;
}

/** V8's call sites format themselves as a stack line does (`fn (file:line:column)`). */
interface CallSite extends NodeJS.CallSite {
    toString(): string;
}

function describeSite(site: CallSite): string {
    const text = site.toString();
    const file = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!file || line === null || column === null || file.startsWith("node:")) return text;
    // An empty object where the map has no entry for the position.
    const entry = findSourceMap(file)?.findEntry(line - 1, column - 1);
    if (entry === undefined || !("originalSource" in entry)) return text;
    const source = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : entry.originalSource;
    if (!existsSync(source)) return text;
    return text.replace(`${file}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}
