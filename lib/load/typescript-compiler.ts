import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { UserFileError } from "./errors";
import type { ModuleFormat } from "./module-format";
import { NativeTsc } from "./native-tsc";
import { tsconfigFor, type TsConfig } from "./tsconfig";
import { describeDiagnostic, TypeScriptCompileError, type Diagnostic } from "./typescript-diagnostics";

/** The user's TypeScript, whichever major: what the loader asks of it. */
export interface TypeScriptCompiler {
    readonly version: string;
    /** Whether `compile(..., false)` can lose types (it transpiles each file alone). */
    readonly hasFastPath: boolean;
    /** JavaScript for Node in `format`, with an inline source map; `typed`: emitted with type information. */
    compile(file: string, format: ModuleFormat, typed: boolean): string;
}

/** The parts of TypeScript 5.x/6.x's JavaScript API used here. */
interface TypeScriptApi {
    readonly version: string;
    readonly ModuleKind: Record<string, number>;
    readonly ModuleResolutionKind: Record<string, number>;
    transpileModule(source: string, options: object): { outputText: string; diagnostics?: Diagnostic[] };
    convertCompilerOptionsFromJson(json: object, basePath: string): { options: Record<string, unknown> };
    getParsedCommandLineOfConfigFile(file: string, options: object, host: object): { options: Record<string, unknown>; fileNames: string[] } | undefined;
    createProgram(options: { rootNames: readonly string[]; options: object; oldProgram?: Program }): Program;
    readonly sys: object;
}

interface Program {
    getRootFileNames(): readonly string[];
    getSourceFile(file: string): object | undefined;
    getSyntacticDiagnostics(file: object): readonly Diagnostic[];
    emit(file: object, write: (name: string, text: string) => void): unknown;
}

const compilers = new Map<string, TypeScriptCompiler | null>();

/**
 * The TypeScript compiler the project installed (looked up from `file`, then the working
 * directory, then this tool's own folder), or null. `require("typescript")` by name, so a
 * production image that lacks it (or a test that forbids it) is told apart.
 */
export function findTypeScript(file: string): TypeScriptCompiler | null {
    for (const directory of [dirname(file), process.cwd(), __dirname]) {
        let compiler = compilers.get(directory);
        if (compiler === undefined) {
            compiler = loadCompiler(directory);
            compilers.set(directory, compiler);
        }
        if (compiler !== null) return compiler;
    }
    return null;
}

/** As `findTypeScript`, or a one-line error saying what to do instead. */
export function requireTypeScript(file: string, what: string): TypeScriptCompiler {
    const compiler = findTypeScript(file);
    if (compiler !== null) return compiler;
    const instead =
        what === "migration" ? "run the compiled .js migrations instead (build them first)" : `point at the compiled .js ${what} instead (build first)`;
    throw new UserFileError(
        `${relative(process.cwd(), file) || file} is TypeScript and no TypeScript compiler is installed: ${instead}, or npm i -D typescript`,
    );
}

const compilersByPackage = new Map<string, TypeScriptCompiler>();

function loadCompiler(directory: string): TypeScriptCompiler | null {
    const require = createRequire(join(directory, "noop.js"));
    let ts: Partial<TypeScriptApi> & { version?: string };
    let packageDirectory: string;
    try {
        ts = require("typescript") as typeof ts;
        packageDirectory = dirname(require.resolve("typescript/package.json"));
    } catch {
        return null;
    }
    // One compiler per installation, whichever folder found it: it holds the programs and builds.
    let compiler = compilersByPackage.get(packageDirectory);
    if (compiler === undefined) {
        // TypeScript 7 (the native compiler) has no JavaScript API: its package runs a `tsc` binary.
        compiler =
            typeof ts.transpileModule === "function" ? new JavaScriptApiCompiler(ts as TypeScriptApi) : new NativeTsc(packageDirectory, String(ts.version));
        compilersByPackage.set(packageDirectory, compiler);
    }
    return compiler;
}

class JavaScriptApiCompiler implements TypeScriptCompiler {
    readonly hasFastPath = true;
    private readonly optionsByConfig = new Map<string, Record<string, unknown>>();
    private readonly programs = new Map<string, Program>();

    constructor(private readonly ts: TypeScriptApi) {}

    get version(): string {
        return this.ts.version;
    }

    compile(file: string, format: ModuleFormat, typed: boolean): string {
        return typed ? this.emitWithTypes(file, format) : this.transpile(file, format);
    }

    private transpile(file: string, format: ModuleFormat): string {
        const config = tsconfigFor(file);
        const compilerOptions = { ...this.userOptions(config), ...this.forNode(format) };
        const output = this.ts.transpileModule(readFileSync(file, "utf8"), { fileName: file, reportDiagnostics: true, compilerOptions });
        // Option diagnostics (a setting this emit overrides) are not the file's fault.
        const located = (output.diagnostics ?? []).filter((diagnostic) => diagnostic.file !== undefined);
        if (located.length > 0) throw new TypeScriptCompileError(located.map(describeDiagnostic));
        return output.outputText;
    }

    /** What TypeORM's own ts-node CLI does: emit with the whole project's types, in memory. */
    private emitWithTypes(file: string, format: ModuleFormat): string {
        const config = tsconfigFor(file);
        const key = `${config?.file ?? ""}\0${format}`;
        let program = this.programs.get(key);
        if (program?.getSourceFile(file) === undefined) {
            const parsed =
                config === null
                    ? undefined
                    : this.ts.getParsedCommandLineOfConfigFile(config.file, {}, { ...this.ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
            const options = {
                ...(parsed?.options ?? {}),
                ...this.forNode(format, parsed?.options),
                noEmitOnError: false,
                outDir: undefined,
                rootDir: undefined,
                composite: false,
                incremental: false,
                tsBuildInfoFile: undefined,
            };
            const roots = [...new Set([...(program?.getRootFileNames() ?? parsed?.fileNames ?? []), file])];
            program = this.ts.createProgram({ rootNames: roots, options, oldProgram: program });
            this.programs.set(key, program);
        }
        const source = program.getSourceFile(file);
        if (source === undefined) throw new UserFileError(`TypeScript cannot read ${file}`);
        const syntax = program.getSyntacticDiagnostics(source);
        if (syntax.length > 0) throw new TypeScriptCompileError(syntax.map(describeDiagnostic));
        let javaScript: string | undefined;
        program.emit(source, (name, text) => {
            if (/\.[cm]?js$/.test(name)) javaScript = text;
        });
        if (javaScript === undefined) throw new UserFileError(`TypeScript emitted nothing for ${file}`);
        return javaScript;
    }

    private userOptions(config: TsConfig | null): Record<string, unknown> {
        if (config === null) return {};
        let options = this.optionsByConfig.get(config.file);
        if (options === undefined) {
            options = this.ts.convertCompilerOptionsFromJson(config.compilerOptions, dirname(config.file)).options;
            this.optionsByConfig.set(config.file, options);
        }
        return options;
    }

    /**
     * The user's options bent to what Node runs: `format`'s module syntax (a NodeNext project's own
     * setting already decides per file as Node does), legacy decorators with metadata (TypeORM needs
     * both), an inline source map so stack traces name the user's lines, nothing written to disk.
     */
    private forNode(format: ModuleFormat, user: Record<string, unknown> = {}): Record<string, unknown> {
        const { ModuleKind, ModuleResolutionKind } = this.ts;
        const nodeModule = typeof user.module === "number" && user.module >= ModuleKind.Node16 && user.module <= ModuleKind.NodeNext;
        const module = nodeModule ? user.module : format === "module" ? ModuleKind.ESNext : ModuleKind.CommonJS;
        const moduleResolution = nodeModule
            ? user.moduleResolution
            : module === ModuleKind.CommonJS
              ? ModuleResolutionKind.Node10
              : ModuleResolutionKind.Bundler;
        return {
            module,
            moduleResolution,
            experimentalDecorators: true,
            emitDecoratorMetadata: true,
            inlineSourceMap: true,
            inlineSources: true,
            sourceMap: false,
            declaration: false,
            declarationMap: false,
            noEmit: false,
            emitDeclarationOnly: false,
            verbatimModuleSyntax: false,
            ...(Number.parseInt(this.ts.version, 10) >= 6 ? { ignoreDeprecations: "6.0" } : {}),
        };
    }
}
