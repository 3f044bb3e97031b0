import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, parse, relative, resolve, sep } from "node:path";
import { typescriptMigrations, type MigrationFileFormat } from "../render/migration-file";
import { MigrationsLayoutError } from "./errors";
import { compiledDirs } from "./tsconfig-dirs";

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
 * so that TypeORM's own `migration:run`, `migrationsRun: true` and NestJS load them too. The
 * first string entry decides: its directory part with `**` segments dropped (they match no folder
 * too), and the file extension it names. A glob into a tsconfig's `outDir` (NestJS:
 * `dist/migrations/*.js`) maps back to the `rootDir` beside it (`src/migrations/*.ts`): compiled
 * output is not where sources belong. No string entry: `fallback`, as does a `fallback` that already
 * holds revisions while the DataSource's folder holds none (projects laid out before).
 */
export function dataSourceLayout(migrations: unknown, context: LayoutContext): MigrationsLayout {
    const fallback = { dir: context.fallback, files: typescriptMigrations };
    const glob = firstGlob(migrations);
    if (glob === null) return fallback;
    const fallbackInUse = holdsRevisions(context.fallback);
    let layout: MigrationsLayout;
    try {
        layout = layoutOfGlob(glob, context);
    } catch (error) {
        if (fallbackInUse) return fallback;
        throw error;
    }
    return layout.dir !== context.fallback && fallbackInUse && !holdsRevisions(layout.dir) ? fallback : layout;
}

function firstGlob(migrations: unknown): string | null {
    const entries = Array.isArray(migrations) ? migrations : typeof migrations === "object" && migrations !== null ? Object.values(migrations) : [];
    return (entries.find((entry) => typeof entry === "string" && entry.trim() !== "") as string | undefined) ?? null;
}

function layoutOfGlob(glob: string, context: LayoutContext): MigrationsLayout {
    const segments = glob.replace(/\\/g, "/").split("/");
    const filePattern = segments.pop() as string;
    const folders = segments.filter((segment) => segment !== "**");
    if (folders.some((segment) => globCharacters.test(segment))) {
        throw new MigrationsLayoutError(`the DataSource's migrations glob "${glob}" spans several folders: there is no one folder to write a migration to`);
    }
    const dir = resolve(context.cwd, folders.join("/") || ".");
    const extension = fileExtensions.find((ext) => filePattern.endsWith(ext)) ?? null;
    const compiled = compiledDirs(context.cwd);
    if (compiled !== null && compiled.outDir !== compiled.rootDir && isWithin(dir, compiled.outDir)) {
        return { dir: join(compiled.rootDir, relative(compiled.outDir, dir)), files: typescriptMigrations };
    }
    const typescriptProject = typescriptExtensions.includes(extname(context.dataSourceFile));
    if (extension === null) return { dir, files: typescriptProject ? typescriptMigrations : { extension: ".js", module: moduleOf(dir) } };
    if (typescriptExtensions.includes(extension)) return { dir, files: { extension, module: "typescript" } };
    if (typescriptProject) {
        throw new MigrationsLayoutError(`the DataSource's migrations glob "${glob}" names compiled JavaScript, and no tsconfig.json outDir says where its TypeScript sources are`);
    }
    return { dir, files: { extension, module: extension === ".mjs" ? "esm" : extension === ".cjs" ? "commonjs" : moduleOf(dir) } };
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

/** Whether `dir` holds a revision of this tool: a `.json` delta beside a migration file. */
function holdsRevisions(dir: string): boolean {
    if (!existsSync(dir)) return false;
    const entries = new Set(readdirSync(dir));
    return [...entries].some((entry) => entry.endsWith(".json") && fileExtensions.some((ext) => entries.has(`${parse(entry).name}${ext}`)));
}

function isWithin(path: string, folder: string): boolean {
    return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
