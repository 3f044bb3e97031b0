import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { temporaryBeside } from "../lib";

/** One module's compiled code, as the file indexes it. */
export interface CodeCacheEntry {
    /** The digest of the module's source text the code was compiled from. */
    readonly digest: string;
    readonly offset: number;
    readonly length: number;
    /** When a command last used it (ms since the epoch): the least recent go first when the file is full. */
    readonly usedAt: number;
    /** Whether this command used it (set in place: a hit allocates nothing that outlives it). */
    used: boolean;
}

/**
 * The code cache file: each module's V8 code cache, then an index of them by file name that names
 * the runtime they were made by (V8's code is only good for the same Node, V8 and flags), its
 * length and a mark. The index goes last so that a writer streams each module's bytes as it makes
 * them. Reading takes the index only; a module's bytes are read when it is compiled, so the file
 * is never held whole in memory. Anything unreadable reads as an empty cache.
 */
export class CodeCacheFile {
    private constructor(
        private readonly fd: number | null,
        readonly entries: ReadonlyMap<string, CodeCacheEntry>,
        private readonly dataStart: number,
    ) {}

    static empty(): CodeCacheFile {
        return new CodeCacheFile(null, new Map(), 0);
    }

    /** The cache at `file` when it was made for `runtime`; empty otherwise (missing, another runtime, damaged). */
    static open(file: string, runtime: string): CodeCacheFile {
        let fd: number | null = null;
        try {
            fd = openSync(file, "r");
            const size = fstatSync(fd).size;
            const trailer = Buffer.alloc(TRAILER_BYTES);
            if (size < MAGIC.length + TRAILER_BYTES || readSync(fd, trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES) !== TRAILER_BYTES)
                throw new Error("short");
            if (trailer.toString("latin1", 4) !== MAGIC) throw new Error("not a code cache");
            const indexLength = trailer.readUInt32LE(0);
            const indexStart = size - TRAILER_BYTES - indexLength;
            if (indexStart < MAGIC.length) throw new Error("truncated");
            const index = Buffer.alloc(indexLength);
            if (readSync(fd, index, 0, indexLength, indexStart) !== indexLength) throw new Error("truncated");
            const parsed = JSON.parse(index.toString("utf8")) as { runtime?: unknown; entries?: unknown };
            if (parsed.runtime !== runtime || !Array.isArray(parsed.entries)) throw new Error("another runtime");
            const dataStart = MAGIC.length;
            const entries = new Map<string, CodeCacheEntry>();
            for (const row of parsed.entries as unknown[]) {
                if (!Array.isArray(row) || row.length !== 5) continue;
                const [file, digest, offset, length, usedAt] = row as unknown[];
                if (typeof file !== "string" || typeof digest !== "string" || !isCount(offset) || !isCount(length) || !isCount(usedAt)) continue;
                if (dataStart + offset + length > indexStart) continue;
                entries.set(file, { digest, offset, length, usedAt, used: false });
            }
            return new CodeCacheFile(fd, entries, dataStart);
        } catch {
            if (fd !== null) closeQuietly(fd);
            return CodeCacheFile.empty();
        }
    }

    /** The code kept for `file` when it was compiled from the source whose digest is `digest`, with its entry. */
    codeOf(file: string, digest: string): { readonly entry: CodeCacheEntry; readonly bytes: Buffer } | undefined {
        const entry = this.entries.get(file);
        if (entry === undefined || entry.digest !== digest) return undefined;
        const bytes = this.bytesOf(entry);
        return bytes === undefined ? undefined : { entry, bytes };
    }

    /** An entry's bytes; undefined when the file cannot give them. */
    bytesOf(entry: CodeCacheEntry): Buffer | undefined {
        if (this.fd === null) return undefined;
        try {
            const bytes = Buffer.allocUnsafe(entry.length);
            return readSync(this.fd, bytes, 0, entry.length, this.dataStart + entry.offset) === entry.length ? bytes : undefined;
        } catch {
            return undefined;
        }
    }

    close(): void {
        if (this.fd !== null) closeQuietly(this.fd);
    }
}

/** A module's code to write: its digest, when it was last used, and its bytes (made when written; undefined skips it). */
export interface CodeToWrite {
    readonly file: string;
    readonly digest: string;
    readonly usedAt: number;
    bytes(): Buffer | undefined;
}

/**
 * Writes a code cache file at once: into a temporary file beside it, renamed over it, so a reader
 * (another command running now) sees the old file or the new one. Each module's bytes are made
 * and written in turn, up to `limit` bytes in all. False when it could not.
 */
export function writeCodeCacheFile(file: string, runtime: string, modules: Iterable<CodeToWrite>, limit: number): boolean {
    const temporary = temporaryBeside(file);
    let fd: number | null = null;
    try {
        mkdirSync(dirname(file), { recursive: true });
        fd = openSync(temporary, "w");
        writeAll(fd, Buffer.from(MAGIC, "latin1"));
        const rows: [string, string, number, number, number][] = [];
        let offset = 0;
        for (const module of modules) {
            const bytes = module.bytes();
            if (bytes === undefined || offset + bytes.length > limit) continue;
            writeAll(fd, bytes);
            rows.push([module.file, module.digest, offset, bytes.length, module.usedAt]);
            offset += bytes.length;
        }
        const index = Buffer.from(JSON.stringify({ runtime, entries: rows }), "utf8");
        const trailer = Buffer.alloc(TRAILER_BYTES);
        trailer.writeUInt32LE(index.length, 0);
        trailer.write(MAGIC, 4, "latin1");
        writeAll(fd, index);
        writeAll(fd, trailer);
        closeSync(fd);
        fd = null;
        renameSync(temporary, file);
        return true;
    } catch {
        if (fd !== null) closeQuietly(fd);
        try {
            rmSync(temporary, { force: true });
        } catch {
            // Nothing was kept; the next command compiles again.
        }
        return false;
    }
}

/** Bumped when the file's layout changes. */
const MAGIC = "typeorm-migrate code cache 1\n";
/** The index's length (4 bytes) and the mark again, at the end. */
const TRAILER_BYTES = 4 + MAGIC.length;

function writeAll(fd: number, bytes: Buffer): void {
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
}

function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function closeQuietly(fd: number): void {
    try {
        closeSync(fd);
    } catch {
        // Already closed or never usable: nothing to keep.
    }
}
