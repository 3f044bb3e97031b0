import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";

/** A tsconfig.json with its `extends` chain merged: what the loader needs of it. */
export interface TsConfig {
    readonly file: string;
    /** compilerOptions as written (JSON values), merged along `extends`; relative paths not resolved. */
    readonly compilerOptions: Readonly<Record<string, unknown>>;
    /** `paths` with the directory its entries are relative to (baseUrl, else the file that holds them). */
    readonly paths?: { readonly base: string; readonly patterns: Readonly<Record<string, readonly string[]>> };
    /** A `baseUrl` as an absolute directory: bare imports resolve against it too. */
    readonly baseUrl?: string;
    /** Whether the chain names `files` or `include` (else TypeScript takes every file under `file`'s folder). */
    readonly listsFiles: boolean;
}

interface RawConfig {
    extends?: string | string[];
    compilerOptions?: Record<string, unknown>;
    files?: unknown;
    include?: unknown;
}

const nearestByDirectory = new Map<string, string | null>();
const parsedByFile = new Map<string, TsConfig>();

/** The tsconfig.json nearest above `file` (as ts-node and tsc -p find it), or null. */
export function tsconfigFor(file: string): TsConfig | null {
    const found = nearestTsconfig(dirname(file));
    return found === null ? null : readTsconfig(found);
}

function nearestTsconfig(directory: string): string | null {
    const known = nearestByDirectory.get(directory);
    if (known !== undefined) return known;
    const candidate = join(directory, "tsconfig.json");
    const parent = dirname(directory);
    const found = existsSync(candidate) ? candidate : parent === directory || directory.endsWith("/node_modules") ? null : nearestTsconfig(parent);
    nearestByDirectory.set(directory, found);
    return found;
}

export function readTsconfig(file: string): TsConfig {
    const cached = parsedByFile.get(file);
    if (cached !== undefined) return cached;
    const raw = parseJsonc(readFileSync(file, "utf8"), file) as RawConfig;
    const parents = (Array.isArray(raw.extends) ? raw.extends : raw.extends === undefined ? [] : [raw.extends]).map((name) =>
        readTsconfig(resolveExtends(name, file)),
    );
    let merged: TsConfig = { file, compilerOptions: {}, listsFiles: false };
    for (const parent of parents)
        merged = {
            ...parent,
            file,
            compilerOptions: { ...merged.compilerOptions, ...parent.compilerOptions },
            listsFiles: merged.listsFiles || parent.listsFiles,
        };
    const own = raw.compilerOptions ?? {};
    const here = dirname(file);
    const baseUrl = typeof own.baseUrl === "string" ? resolve(here, own.baseUrl) : merged.baseUrl;
    const paths = isRecord(own.paths) ? (own.paths as Record<string, string[]>) : merged.paths?.patterns;
    const pathsBase = baseUrl ?? (isRecord(own.paths) ? here : merged.paths?.base);
    const result: TsConfig = {
        file,
        compilerOptions: { ...merged.compilerOptions, ...own },
        ...(paths !== undefined && pathsBase !== undefined ? { paths: { base: pathsBase, patterns: paths } } : {}),
        ...(baseUrl !== undefined ? { baseUrl } : {}),
        listsFiles: merged.listsFiles || raw.files !== undefined || raw.include !== undefined,
    };
    parsedByFile.set(file, result);
    return result;
}

function resolveExtends(name: string, from: string): string {
    if (name.startsWith(".") || isAbsolute(name)) {
        const path = resolve(dirname(from), name);
        return existsSync(path) || path.endsWith(".json") ? path : `${path}.json`;
    }
    const require = createRequire(from);
    for (const candidate of [name, `${name}.json`, `${name}/tsconfig.json`]) {
        try {
            return require.resolve(candidate);
        } catch {
            // the next spelling
        }
    }
    throw new Error(`${from}: cannot find the tsconfig it extends, "${name}"`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with comments and trailing commas, as tsconfig.json is written. */
export function parseJsonc(text: string, file: string): unknown {
    let out = "";
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (char === '"') {
            const end = endOfString(text, i);
            out += text.slice(i, end);
            i = end - 1;
        } else if (char === "/" && text[i + 1] === "/") {
            while (i < text.length && text[i] !== "\n") i++;
            out += "\n";
        } else if (char === "/" && text[i + 1] === "*") {
            const end = text.indexOf("*/", i + 2);
            i = end === -1 ? text.length : end + 1;
        } else {
            out += char;
        }
    }
    try {
        return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
    } catch (error) {
        throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
}

function endOfString(text: string, start: number): number {
    for (let i = start + 1; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === '"') return i + 1;
    }
    return text.length;
}
