import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, parse, relative, resolve, sep } from "node:path";
import { typescriptMigrations, type MigrationFileFormat } from "../render/migration-file";
import { MalformedHeaderError, parseHeader } from "../revisions/header";
import { MigrationsLayoutError } from "./errors";
import { compiledDirs, type CompiledDirs } from "./tsconfig-dirs";

/** Where a bind's revisions live and how its migration files are written. */
export interface MigrationsLayout {
    /** Absolute path of the folder. */
    readonly dir: string;
    readonly files: MigrationFileFormat;
}

export interface LayoutContext {
    /** What relative globs are relative to: TypeORM resolves them against the working directory. */
    readonly cwd: string;
    /** The file the DataSource came from (its extension says whether the project runs TypeScript). */
    readonly dataSourceFile: string;
    /** The folder used when the DataSource names none, and the one revisions made before this layout are in. */
    readonly fallback: string;
}

const globCharacters = /[*?[\]{}()!]/;
const typescriptExtensions = [".ts", ".mts", ".cts"];
// Longest first: ".mts" also ends with ".ts".
const fileExtensions = [".mts", ".cts", ".ts", ".mjs", ".cjs", ".js"];

/**
 * The folder a single bind's migrations go to: where the DataSource's `migrations` setting looks,
 * so that TypeORM's own `migration:run`, `migrationsRun: true` and NestJS load them too. A glob's
 * folder is its directory part with `**` segments dropped (they match no folder too), its files
 * have the extension it names. A glob into a tsconfig's `outDir` (NestJS: `dist/migrations/*.js`)
 * maps back to the `rootDir` beside it (`src/migrations/*.ts`): compiled output is not where
 * sources belong, unless it alone holds revisions (an image with dist/ but without the sources).
 * Of several string entries, the first whose folder holds revisions decides, else `fallback` if it
 * holds some (projects laid out before), else the first entry that names one folder. No string
 * entry: `fallback`.
 */
export function dataSourceLayout(migrations: unknown, context: LayoutContext): MigrationsLayout {
    const fallback = { dir: context.fallback, files: typescriptMigrations };
    const globs = stringEntries(migrations);
    if (globs.length === 0) return fallback;
    const layouts = globs.map((glob) => {
        try {
            return layoutsOfGlob(glob, context);
        } catch (error) {
            if (error instanceof MigrationsLayoutError) return error;
            throw error;
        }
    });
    const usable = layouts.filter((layout): layout is MigrationsLayout[] => !(layout instanceof MigrationsLayoutError));
    const inUse = usable.flat().find((layout) => holdsRevisions(layout.dir));
    if (inUse !== undefined) return inUse;
    if (holdsRevisions(context.fallback)) return fallback;
    if (usable.length > 0) return usable[0][0];
    const [refusal] = layouts.filter((layout) => layout instanceof MigrationsLayoutError);
    throw refusal;
}

function stringEntries(migrations: unknown): string[] {
    const entries: unknown[] = Array.isArray(migrations) ? migrations : typeof migrations === "object" && migrations !== null ? Object.values(migrations) : [];
    return entries.filter((entry): entry is string => typeof entry === "string" && entry.trim() !== "");
}

/** The folders a glob may mean, the one to write to first: the sources, then the compiled output. */
function layoutsOfGlob(glob: string, context: LayoutContext): MigrationsLayout[] {
    const segments = glob.replace(/\\/g, "/").split("/");
    const filePattern = segments.pop() as string;
    const folders = segments.filter((segment) => segment !== "**");
    if (folders.some((segment) => globCharacters.test(segment))) {
        throw new MigrationsLayoutError(`the DataSource's migrations glob "${glob}" spans several folders: there is no one folder to write a migration to`);
    }
    const dir = resolve(context.cwd, folders.join("/") || ".");
    const extension = fileExtensions.find((ext) => filePattern.endsWith(ext)) ?? null;
    const javascript = (ext: string | null): MigrationsLayout => ({
        dir,
        files: { extension: ext ?? ".js", module: ext === ".mjs" ? "esm" : ext === ".cjs" ? "commonjs" : moduleOf(dir) },
    });
    const compiled = compiledDirs(context.cwd);
    if (compiled !== null && isWithin(dir, compiled.outDir)) {
        const sources = sourceRoot(compiled, context.dataSourceFile);
        const output = javascript(extension !== null && typescriptExtensions.includes(extension) ? null : extension);
        if (sources !== compiled.outDir) return [{ dir: join(sources, relative(compiled.outDir, dir)), files: typescriptMigrations }, output];
    }
    const typescriptProject = typescriptExtensions.includes(extname(context.dataSourceFile));
    if (extension === null) return [typescriptProject ? { dir, files: typescriptMigrations } : javascript(null)];
    if (typescriptExtensions.includes(extension)) return [{ dir, files: { extension, module: "typescript" } }];
    if (typescriptProject) {
        throw new MigrationsLayoutError(
            `the DataSource's migrations glob "${glob}" names compiled JavaScript, and no tsconfig.json outDir says where its TypeScript sources are`,
        );
    }
    return [javascript(extension)];
}

/**
 * Where the sources of `outDir` are: `rootDir`, else the folder (`src` or the tsconfig's own) in
 * which a compiled data source's `.ts` is, else `src` when there is one: what tsc infers when the
 * sources are all under `src/`.
 */
function sourceRoot(compiled: CompiledDirs, dataSourceFile: string): string {
    if (compiled.rootDir !== null) return compiled.rootDir;
    const candidates = [join(compiled.base, "src"), compiled.base];
    if (isWithin(dataSourceFile, compiled.outDir)) {
        const source = relative(compiled.outDir, dataSourceFile).replace(/\.[cm]?js$/, "");
        const found = candidates.find((root) => typescriptExtensions.some((ext) => existsSync(join(root, source + ext))));
        if (found !== undefined) return found;
    }
    return existsSync(candidates[0]) ? candidates[0] : compiled.base;
}

/** How Node runs a `.js` file in `dir`: the nearest package.json's `type`. */
function moduleOf(dir: string): "esm" | "commonjs" {
    for (let at = dir; ; at = dirname(at)) {
        const file = join(at, "package.json");
        if (existsSync(file)) {
            try {
                return (JSON.parse(readFileSync(file, "utf8")) as { type?: unknown }).type === "module" ? "esm" : "commonjs";
            } catch {
                return "commonjs";
            }
        }
        if (dirname(at) === at) return "commonjs";
    }
}

/**
 * Whether `dir` holds a revision of this tool: a `.json` delta beside a migration file, or (a
 * build copies no `.json`) a migration file with a revision header.
 */
function holdsRevisions(dir: string): boolean {
    if (!existsSync(dir)) return false;
    const entries = readdirSync(dir);
    const migrations = entries.filter((entry) => fileExtensions.some((ext) => entry.endsWith(ext)) && !entry.endsWith(".d.ts"));
    if (migrations.some((file) => entries.includes(`${parse(file).name}.json`))) return true;
    return migrations.some((file) => {
        try {
            return parseHeader(readFileSync(join(dir, file), "utf8"), file) !== null;
        } catch (error) {
            if (error instanceof MalformedHeaderError) return true;
            throw error;
        }
    });
}

function isWithin(path: string, folder: string): boolean {
    return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
