import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Where a TypeScript project's sources are compiled from and to, as its tsconfig.json says. */
export interface CompiledDirs {
    /** The folder of the tsconfig.json. */
    readonly base: string;
    readonly outDir: string;
    /** Null when unset: tsc then infers it from the files it compiles. */
    readonly rootDir: string | null;
}

/**
 * The outDir and rootDir of `tsconfig.json` in `directory` (absolute), or null when there is none
 * or it sets no outDir. Read as JSON with comments and trailing commas, without TypeScript: a
 * JavaScript project has no compiler. `extends` is not followed.
 */
export function compiledDirs(directory: string): CompiledDirs | null {
    const file = join(directory, "tsconfig.json");
    if (!existsSync(file)) return null;
    let options: { outDir?: unknown; rootDir?: unknown };
    try {
        options = (JSON.parse(stripJsonComments(readFileSync(file, "utf8"))) as { compilerOptions?: typeof options }).compilerOptions ?? {};
    } catch {
        return null;
    }
    if (typeof options.outDir !== "string") return null;
    const base = dirname(file);
    return { base, outDir: resolve(base, options.outDir), rootDir: typeof options.rootDir === "string" ? resolve(base, options.rootDir) : null };
}

/** JSONC to JSON: comments and trailing commas go, strings are kept as they are. */
export function stripJsonComments(text: string): string {
    return outsideStrings(
        outsideStrings(text, (rest) => {
            if (rest.startsWith("//")) return { skip: rest.includes("\n") ? rest.indexOf("\n") : rest.length, put: "" };
            if (rest.startsWith("/*")) return { skip: rest.includes("*/") ? rest.indexOf("*/") + 2 : rest.length, put: " " };
            return null;
        }),
        (rest) => (/^,\s*[}\]]/.test(rest) ? { skip: 1, put: "" } : null),
    );
}

/** Copies `text`, letting `replace` drop or change what starts at each position outside a string. */
function outsideStrings(text: string, replace: (rest: string) => { skip: number; put: string } | null): string {
    let out = "";
    for (let i = 0; i < text.length;) {
        if (text[i] === '"') {
            const end = endOfString(text, i);
            out += text.slice(i, end);
            i = end;
            continue;
        }
        const change = text[i] === "/" || text[i] === "," ? replace(text.slice(i)) : null;
        if (change === null) {
            out += text[i++];
        } else {
            out += change.put;
            i += change.skip;
        }
    }
    return out;
}

function endOfString(text: string, start: number): number {
    for (let i = start + 1; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === '"') return i + 1;
    }
    return text.length;
}
