import { statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { tsconfigFor, type TsConfig } from "./tsconfig";

const javaScriptToTypeScript: Readonly<Record<string, readonly string[]>> = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };
const appended = [".ts", ".tsx", ".mts", ".cts", ".js", "/index.ts", "/index.tsx", "/index.js"];

/**
 * The file a TypeScript file's import means where Node's own resolution found none, as tsc
 * resolves it: `./user.js` naming `./user.ts` (NodeNext style), an extensionless `./user` in an
 * ES module, and tsconfig `paths` aliases (`@/posts/post.entity`) or `baseUrl` imports. Null when
 * nothing matches, so the caller reports Node's own error.
 */
export function resolveTypeScriptRequest(specifier: string, parentFile: string): string | null {
    if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || isAbsolute(specifier)) {
        return existingModule(resolve(dirname(parentFile), specifier));
    }
    const config = tsconfigFor(parentFile);
    if (config === null) return null;
    for (const candidate of aliasCandidates(specifier, config)) {
        const found = existingModule(candidate);
        if (found !== null) return found;
    }
    return null;
}

function aliasCandidates(specifier: string, config: TsConfig): string[] {
    const candidates: string[] = [];
    const match = config.paths === undefined ? null : bestPattern(specifier, Object.keys(config.paths.patterns));
    if (match !== null && config.paths !== undefined) {
        for (const target of config.paths.patterns[match.pattern] ?? []) candidates.push(resolve(config.paths.base, target.replace("*", match.star)));
    }
    if (config.baseUrl !== undefined) candidates.push(join(config.baseUrl, specifier));
    return candidates;
}

/** The pattern TypeScript picks: an exact match, else the `*` pattern with the longest prefix. */
function bestPattern(specifier: string, patterns: readonly string[]): { pattern: string; star: string } | null {
    if (patterns.includes(specifier)) return { pattern: specifier, star: "" };
    let best: { pattern: string; star: string } | null = null;
    for (const pattern of patterns) {
        const star = pattern.indexOf("*");
        if (star === -1) continue;
        const prefix = pattern.slice(0, star);
        const suffix = pattern.slice(star + 1);
        if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
        if (best === null || prefix.length > best.pattern.indexOf("*"))
            best = { pattern, star: specifier.slice(prefix.length, specifier.length - suffix.length) };
    }
    return best;
}

function existingModule(path: string): string | null {
    const extension = /\.[cm]?jsx?$/.exec(path)?.[0];
    const swapped = extension === undefined ? [] : (javaScriptToTypeScript[extension] ?? []).map((ts) => path.slice(0, -extension.length) + ts);
    for (const candidate of [...swapped, path, ...appended.map((suffix) => path + suffix)]) {
        if (isFile(candidate)) return candidate;
    }
    return null;
}

function isFile(path: string): boolean {
    try {
        return statSync(path).isFile();
    } catch {
        return false;
    }
}
