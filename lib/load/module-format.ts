import { readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";

/** How Node runs a file: as an ES module or as CommonJS. */
export type ModuleFormat = "module" | "commonjs";

const typeScriptExtensions = new Set([".ts", ".mts", ".cts", ".tsx"]);
const typeByDirectory = new Map<string, string | undefined>();

export function isTypeScriptFile(file: string): boolean {
    return typeScriptExtensions.has(extname(file)) && !file.endsWith(".d.ts");
}

/**
 * The format Node gives `file`, as Node decides it: `.mts`/`.mjs` are ES modules, `.cts`/`.cjs`
 * CommonJS, anything else follows the nearest package.json's `"type"` (TypeORM's own
 * `importOrRequireFile` decides the same way when it loads entity and migration globs).
 */
export function moduleFormatOf(file: string): ModuleFormat {
    const extension = extname(file);
    if (extension === ".mts" || extension === ".mjs") return "module";
    if (extension === ".cts" || extension === ".cjs") return "commonjs";
    return packageTypeOf(dirname(file)) === "module" ? "module" : "commonjs";
}

function packageTypeOf(directory: string): string | undefined {
    if (typeByDirectory.has(directory)) return typeByDirectory.get(directory);
    let type: string | undefined;
    let text: string | undefined;
    try {
        text = readFileSync(join(directory, "package.json"), "utf8");
    } catch {
        const parent = dirname(directory);
        type = parent === directory ? undefined : packageTypeOf(parent);
    }
    if (text !== undefined) {
        try {
            type = (JSON.parse(text) as { type?: unknown }).type === "module" ? "module" : "commonjs";
        } catch {
            type = "commonjs";
        }
    }
    typeByDirectory.set(directory, type);
    return type;
}
