import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

/**
 * The folder the CLI keeps its caches in, from `cwd`: `node_modules/.cache/typeorm-migrate/` in
 * the nearest `node_modules` above it (none, no cache), an absolute `TYPEORM_MIGRATE_CACHE`
 * instead, and nothing when that says `off`. The same rules as the head-state cache
 * (lib/store/state-cache.ts `StateCache.forFolder`), which cannot be loaded here: it loads TypeORM,
 * and this runs before anything is loaded (spec/unit/code-cache-folder.spec.ts checks they agree).
 */
export function cacheFolder(cwd: string, setting: string = process.env.TYPEORM_MIGRATE_CACHE ?? ""): string | null {
    if (/^(off|0|false|no)$/i.test(setting)) return null;
    if (isAbsolute(setting)) return setting;
    for (let at = resolve(cwd); ; at = dirname(at)) {
        const modules = join(at, "node_modules");
        if (existsSync(modules)) return join(modules, ".cache", "typeorm-migrate");
        if (dirname(at) === at) return null;
    }
}
