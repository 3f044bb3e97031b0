import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

/**
 * The folder the caches are kept in (the head state, lib/store/state-cache.ts; the CLI's code
 * cache, cli/code-cache/), from `from`: `node_modules/.cache/typeorm-migrate/` in the nearest
 * `node_modules` above it (none, no cache), an absolute `TYPEORM_MIGRATE_CACHE` instead, and
 * nothing when that says `off`. Loads nothing but Node's own modules: the CLI asks before it loads
 * TypeORM, whose modules the code cache compiles.
 */
export function cacheFolder(from: string, setting: string = process.env.TYPEORM_MIGRATE_CACHE ?? ""): string | null {
    if (/^(off|0|false|no)$/i.test(setting)) return null;
    if (isAbsolute(setting)) return setting;
    for (let at = resolve(from); ; at = dirname(at)) {
        const modules = join(at, "node_modules");
        if (existsSync(modules)) return join(modules, ".cache", "typeorm-migrate");
        if (dirname(at) === at) return null;
    }
}

/**
 * The file `<prefix><folder key><extension>` in the cache folder of the migrations folder `dir`
 * (its key: a digest of its absolute path); null where nothing is kept. Each of a folder's caches
 * (head state, file digests, units) is one such file.
 */
export function cacheFileOf(dir: string, prefix: string, extension: string): string | null {
    const absolute = resolve(dir);
    const folder = cacheFolder(absolute);
    return folder === null ? null : join(folder, `${prefix}${createHash("sha1").update(absolute).digest("hex").slice(0, 16)}${extension}`);
}

/**
 * A temporary name beside `file` that no other process picks: a cache is written there and renamed
 * into place. The pid alone is not enough: containers sharing a `node_modules` all run as pid 1.
 */
export function temporaryBeside(file: string): string {
    return `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
}
