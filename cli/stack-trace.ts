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
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = (thrown: Error, sites: NodeJS.CallSite[]) =>
        [Error.prototype.toString.call(thrown), ...sites.map((site) => `    at ${describeSite(site)}`)].join("\n");
    try {
        return String(error.stack);
    } finally {
        Error.prepareStackTrace = previous;
    }
}

function describeSite(site: NodeJS.CallSite): string {
    const text = String(site);
    const file = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!file || line === null || column === null || file.startsWith("node:")) return text;
    const entry = findSourceMap(file)?.findEntry(line - 1, column - 1) as
        { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return text;
    const source = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : entry.originalSource;
    if (!existsSync(source)) return text;
    return text.replace(`${file}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}
