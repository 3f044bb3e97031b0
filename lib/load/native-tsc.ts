import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { threadId } from "node:worker_threads";
import { tmpdir } from "node:os";
import { dirname, join, parse, relative, resolve } from "node:path";
import { UserFileError } from "./errors";
import type { ModuleFormat } from "./module-format";
import { tsconfigFor } from "./tsconfig";
import { TypeScriptCompileError } from "./typescript-diagnostics";
import type { TypeScriptCompiler } from "./typescript-compiler";

const outputExtension: Readonly<Record<string, string>> = { ".ts": ".js", ".tsx": ".js", ".mts": ".mjs", ".cts": ".cjs" };

/**
 * TypeScript 7, the native compiler: no JavaScript API, so its `tsc` builds the project (with
 * types: it is fast enough to need no transpile-only path) into a scratch folder, through a
 * tsconfig that extends the user's, and the emitted JavaScript is served for the original files.
 */
export class NativeTsc implements TypeScriptCompiler {
    readonly hasFastPath = false;
    private scratch: string | undefined;
    /** Per tsconfig and format: the files built so far (a file outside the project joins the next build). */
    private readonly builds = new Map<string, Set<string>>();
    /** Files tsc could not parse (it emits them anyway), with its diagnostics. */
    private readonly syntaxErrors = new Map<string, string[]>();

    constructor(
        private readonly packageDirectory: string,
        readonly version: string,
    ) {}

    compile(file: string, format: ModuleFormat): string {
        const output = this.outputOf(file, format);
        if (!existsSync(output)) this.build(file, format);
        const syntax = this.syntaxErrors.get(file);
        if (syntax !== undefined) throw new TypeScriptCompileError(syntax);
        if (!existsSync(output)) throw new UserFileError(`TypeScript ${this.version} emitted nothing for ${file}`);
        return withSourcesAt(readFileSync(output, "utf8"), file);
    }

    private outputOf(file: string, format: ModuleFormat): string {
        const { root, dir, name, ext } = parse(file);
        return join(this.scratchFolder(), format, "out", dir.slice(root.length), name + (outputExtension[ext] ?? ".js"));
    }

    private build(file: string, format: ModuleFormat): void {
        const config = tsconfigFor(file);
        const key = `${config?.file ?? ""}\0${format}`;
        const files = this.builds.get(key) ?? new Set<string>();
        files.add(file);
        this.builds.set(key, files);
        const folder = join(this.scratchFolder(), format);
        const compilerOptions = {
            outDir: join(folder, "out"),
            rootDir: parse(file).root,
            noEmit: false,
            noEmitOnError: false,
            declaration: false,
            declarationMap: false,
            emitDeclarationOnly: false,
            composite: false,
            incremental: false,
            sourceMap: false,
            inlineSourceMap: true,
            inlineSources: true,
            experimentalDecorators: true,
            emitDecoratorMetadata: true,
            verbatimModuleSyntax: false,
            ...this.moduleFor(format, config?.compilerOptions.module),
        };
        const project = {
            ...(config === null ? {} : { extends: config.file }),
            compilerOptions,
            files: [...files],
            ...(config === null ? { include: [] } : config.listsFiles ? {} : { include: [join(dirname(config.file), "**", "*")] }),
            exclude: [join(folder, "**"), ...(config === null ? [] : [join(dirname(config.file), "node_modules")])],
        };
        const tsconfig = join(folder, "tsconfig.json");
        mkdirSync(folder, { recursive: true });
        writeFileSync(tsconfig, `${JSON.stringify(project, null, 2)}\n`);
        const run = spawnSync(process.execPath, [join(this.packageDirectory, "bin", "tsc"), "-p", tsconfig, "--pretty", "false"], { encoding: "utf8" });
        this.recordSyntaxErrors(run.stdout ?? "");
        if (run.error !== undefined || (run.status !== 0 && run.status !== 1 && run.status !== 2)) {
            throw new UserFileError(
                `TypeScript ${this.version} (tsc) failed on ${file}: ${(run.error?.message ?? run.stderr ?? run.stdout).trim().split("\n")[0]}`,
            );
        }
    }

    private recordSyntaxErrors(output: string): void {
        for (const [, path, line, column, code, message] of output.matchAll(/^(.+)\((\d+),(\d+)\): error TS(1\d{3}): (.*)$/gm)) {
            const file = resolve(path);
            const list = this.syntaxErrors.get(file) ?? [];
            list.push(`${relative(process.cwd(), file) || file}:${line}:${column} - error TS${code}: ${message}`);
            this.syntaxErrors.set(file, list);
        }
    }

    /** A NodeNext project's own setting decides per file as Node does; otherwise `format` decides. */
    private moduleFor(format: ModuleFormat, module: unknown): Record<string, string> {
        if (typeof module === "string" && /^node(16|18|20|next)$/i.test(module)) return {};
        return format === "module" ? { module: "esnext", moduleResolution: "bundler" } : { module: "commonjs", moduleResolution: "bundler" };
    }

    private scratchFolder(): string {
        if (this.scratch === undefined) {
            this.scratch = join(scratchRoot(), String(threadId));
            mkdirSync(this.scratch, { recursive: true });
        }
        return this.scratch;
    }
}

const inlineMap = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/** The inline source map names the source relative to the scratch output; stack traces need the file itself. */
function withSourcesAt(javaScript: string, file: string): string {
    const encoded = inlineMap.exec(javaScript)?.[1];
    if (encoded === undefined) return javaScript;
    const map = { ...(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as object), sourceRoot: "", sources: [pathToFileURL(file).href] };
    return javaScript.replace(inlineMap, `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}\n`);
}

/** One folder per process; the module hooks' thread builds in it too, and has no exit event of its own. */
function scratchRoot(): string {
    return join(tmpdir(), `typeorm-migrate-tsc-${process.pid}`);
}

let removing = false;

/** On the main thread: the process's scratch folder goes when it exits. */
export function removeScratchOnExit(): void {
    if (removing) return;
    removing = true;
    process.once("exit", () => rmSync(scratchRoot(), { recursive: true, force: true }));
}
