import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** A test's folder compiled to CommonJS, its imports of TypeORM's sources pointed at the `typeorm` package. */
export interface PreparedSet {
    readonly folder: string;
    /** Imports the sweep cannot follow (other packages, files outside the test's folder); the set is skipped when any. */
    readonly unfollowed: readonly string[];
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2020,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
};

// TypeORM's tests import its sources by relative path: "../../../../src" or ".../src/decorator/...".
const SOURCE_IMPORT = /(from\s+|import\s+|require\()(["'])((?:\.\.\/)+src(?:\/[^"']*)?)\2/g;
const ANY_IMPORT = /(?:from\s+|import\s+|require\()["']([^"']+)["']/g;

/** Compiles every TypeScript file of `setDir` but the tests themselves into `outDir`. */
export function prepareSet(setDir: string, outDir: string): PreparedSet {
    rmSync(outDir, { recursive: true, force: true });
    const unfollowed: string[] = [];
    const copy = (from: string, to: string) => {
        mkdirSync(to, { recursive: true });
        for (const entry of readdirSync(from, { withFileTypes: true })) {
            const file = join(from, entry.name);
            if (entry.isDirectory()) {
                copy(file, join(to, entry.name));
                continue;
            }
            if (!entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts") || /\.(test|spec)\.ts$/.test(entry.name)) continue;
            const source = readFileSync(file, "utf8").replace(SOURCE_IMPORT, (_all, keyword: string, quote: string) => `${keyword}${quote}typeorm${quote}`);
            for (const [, request] of source.matchAll(ANY_IMPORT)) {
                const inside = request.startsWith(".") && resolve(dirname(file), request).startsWith(setDir + sep);
                if (!inside && !["typeorm", "reflect-metadata"].includes(request)) unfollowed.push(`${relative(setDir, file)} imports ${request}`);
            }
            const output = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName: file }).outputText;
            writeFileSync(join(to, entry.name.replace(/\.ts$/, ".js")), output);
        }
    };
    copy(setDir, outDir);
    return { folder: outDir, unfollowed };
}
