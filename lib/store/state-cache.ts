import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { canonicalize } from "../schema/canonical";
import type { EntryOrigins } from "../schema/entry-origins";
import type { Schema } from "../schema/model";
import { SCHEMA_FORMAT_VERSION } from "../schema/model";
import type { EntrySharing } from "../schema/shared-entries";
import { typeormVersion } from "../typeorm";
import { cacheFileOf, temporaryBeside } from "./cache-folder";
import { CACHE_FILE_FORMAT, readStateFile, writeStateFile } from "./state-cache-file";

/**
 * The schema of a revision, kept between runs so that a large chain is not replayed from its
 * first delta every time: one file per migrations folder in `node_modules/.cache/typeorm-migrate/`
 * (the nearest `node_modules` above the folder; none, no cache), holding the last state rebuilt
 * and the key of the chain it came from. The key hashes every migration file and `.json` delta
 * from the base to that revision, with this tool's build, the schema format and the installed
 * TypeORM version: any edit, added revision or upgrade gives another key, and a state whose key
 * is not the chain's is never used. A file that cannot be read or parsed is ignored (and
 * replaced). `TYPEORM_MIGRATE_CACHE=off` turns the cache off; an absolute path there is the
 * folder to keep the files in instead.
 */
export class StateCache {
    private constructor(private readonly file: string | null) {}

    /** The cache of the migrations folder `dir` (a cache that keeps nothing where there is no `node_modules` above it). */
    static forFolder(dir: string): StateCache {
        return new StateCache(cacheFileOf(dir, "", ".json"));
    }

    /** Where the state is kept; null when nothing is. */
    get path(): string | null {
        return this.file;
    }

    /**
     * The latest of `keys` (a chain's keys, base first) whose state is kept, with that state; null
     * when none is (nothing kept, another chain's, or a file that does not parse). A state read from
     * the file takes `sharing`'s equal entries in place of its own, and the entries `origins` still
     * holds where the file names them.
     */
    latest(keys: readonly string[], sharing?: EntrySharing, origins?: EntryOrigins): { readonly at: number; readonly state: Schema } | null {
        for (let at = keys.length - 1; at >= 0; at--) {
            const remembered = recent.get(keys[at]);
            if (remembered !== undefined) return { at, state: remembered };
        }
        const kept = this.readFile(keys, sharing, origins);
        if (kept === null) return null;
        // Canonical as it was written; canonicalize checks rather than trusts it.
        const state = canonicalize(kept.state);
        remember(kept.key, state);
        return { at: keys.lastIndexOf(kept.key), state };
    }

    /**
     * Keeps `state` under `key`, replacing what was kept; a cache that cannot be written is
     * skipped. `origins` name its entries that are the entities' own, read from kept units.
     */
    write(key: string, state: Schema, origins?: EntryOrigins): void {
        remember(key, state);
        if (this.file === null) return;
        const temporary = temporaryBeside(this.file);
        try {
            mkdirSync(dirname(this.file), { recursive: true });
            const fd = openSync(temporary, "w");
            try {
                writeStateFile(fd, key, state, origins);
            } finally {
                closeSync(fd);
            }
            renameSync(temporary, this.file);
        } catch {
            try {
                rmSync(temporary, { force: true });
            } catch {
                // Nothing was kept; the next run replays.
            }
        }
    }

    /** The kept state if its key is one of `keys`; null for another chain's, or a file that does not parse (a format-1 file among them). */
    private readFile(
        keys: readonly string[],
        sharing: EntrySharing | undefined,
        origins: EntryOrigins | undefined,
    ): { readonly key: string; readonly state: Schema } | null {
        if (this.file === null || !existsSync(this.file)) return null;
        try {
            const kept = readStateFile(this.file, (key) => keys.includes(key), sharing, origins);
            if (kept === null || !looksLikeSchema(kept.state)) return null;
            return { key: kept.key, state: kept.state };
        } catch {
            return null;
        }
    }
}

/**
 * The key of a chain of revisions: each link is the digest of the revision's migration file and
 * of its delta, base first. Chained, so that the key of a revision extends its first parent's.
 */
export function chainKey(parentKey: string | null, migrationDigest: string, deltaDigest: string, build: string = buildKey()): string {
    return digest([parentKey ?? build, migrationDigest, deltaDigest].join("\u0000"));
}

/** The digest of a text as its UTF-8 file holds it (equal to `fileDigest` of that file). */
export function digest(text: string): string {
    return createHash("sha1").update(text, "utf8").digest("hex");
}

/** Bumped when what the cache file holds changes shape (state-cache-file.ts). */
const CACHE_FORMAT = CACHE_FILE_FORMAT;

let stamps: string | undefined;

/** What else a replayed state depends on: the schema format, this tool's build, the TypeORM installed. */
export function buildKey(typeorm: string = typeormVersion()): string {
    // The tool's version (npm installs every file with one fixed mtime) and the compiled modules that
    // turn deltas into a state (a rebuilt checkout is another tool).
    stamps ??= [
        toolVersion(),
        ...[__filename, require.resolve("./replay-delta"), require.resolve("../diff/apply"), require.resolve("../schema/canonical")].map((file) => {
            const { size, mtimeMs } = statSync(file);
            return `${size}:${mtimeMs}`;
        }),
    ].join(" ");
    return [`cache ${CACHE_FORMAT}`, `schema ${SCHEMA_FORMAT_VERSION}`, `typeorm ${typeorm}`, stamps].join("\u0000");
}

/** Lets go of the states this process remembers (tests; a long-lived process that wants the memory back). */
export function forgetStates(): void {
    recent.clear();
}

/** The states rebuilt last in this process (two stores of one folder share them); a few, they are large. */
const recent = new Map<string, Schema>();
const recentLimit = 2;

function remember(key: string, state: Schema): void {
    recent.delete(key);
    recent.set(key, state);
    while (recent.size > recentLimit) recent.delete(recent.keys().next().value as string);
}

function looksLikeSchema(value: unknown): value is Schema {
    if (typeof value !== "object" || value === null) return false;
    const schema = value as Record<string, unknown>;
    return typeof schema.dialect === "string" && Array.isArray(schema.tables) && Array.isArray(schema.columns);
}

/** This package's version, from its package.json (dist/lib/store → the package root). */
export function toolVersion(): string {
    try {
        return String((JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version?: unknown }).version);
    } catch {
        return "unknown";
    }
}
