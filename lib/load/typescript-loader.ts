import { dirname, extname, parse } from "node:path";
import { UserFileError } from "./errors";

const typeScriptExtensions = new Set([".ts", ".mts", ".cts", ".tsx"]);
let registered = false;

export function isTypeScriptFile(file: string): boolean {
    return typeScriptExtensions.has(extname(file));
}

/**
 * Makes `require` understand a `.ts` file: ts-node in transpile-only mode, with the user's nearest
 * tsconfig but legacy decorators and metadata forced on (TypeORM entities need both). Loaded only
 * for TypeScript files, so compiled `.js` projects need neither ts-node nor typescript.
 */
export function ensureTypeScriptLoader(file: string): void {
    if (registered || !isTypeScriptFile(file)) return;
    let tsNodePath: string;
    try {
        tsNodePath = require.resolve("ts-node", { paths: [dirname(file), process.cwd(), __dirname] });
    } catch {
        throw new UserFileError(`${file} is TypeScript: install ts-node and typescript (npm i -D ts-node typescript), or point at compiled .js`);
    }
    const tsNode = require(tsNodePath) as { register(options: object): unknown };
    tsNode.register({
        transpileOnly: true,
        cwd: dirname(file),
        compilerOptions: {
            module: "commonjs",
            moduleResolution: "node10",
            experimentalDecorators: true,
            emitDecoratorMetadata: true,
            // TypeScript 6 refuses tsconfigs that 5.x accepted (implicit rootDir, node10); the output
            // layout does not matter when compiling in memory.
            rootDir: parse(file).root,
            ...(typeScriptMajor(tsNodePath) >= 6 ? { ignoreDeprecations: "6.0" } : {}),
        },
    });
    registered = true;
}

function typeScriptMajor(tsNodePath: string): number {
    try {
        const ts = require(require.resolve("typescript", { paths: [dirname(tsNodePath)] })) as { version: string };
        return Number.parseInt(ts.version, 10);
    } catch {
        return 0;
    }
}
