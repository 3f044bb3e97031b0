import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { SequentialReads } from "../../lib/store/sequential-reads";
import { isCount } from "../../lib/store/is-count";

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
 * them (code-cache-writer.ts). Reading takes the index only; a module's bytes are read when it is compiled, so the file
 * is never held whole in memory. Anything unreadable reads as an empty cache.
 */
export class CodeCacheFile {
    /** Modules are kept in the order a command loaded them, and the next command loads them in much the same order. */
    private readonly inOrder: SequentialReads | null;

    private constructor(
        private readonly fd: number | null,
        readonly entries: ReadonlyMap<string, CodeCacheEntry>,
        private readonly dataStart: number,
    ) {
        this.inOrder = fd === null ? null : new SequentialReads(fd);
    }

    static empty(): CodeCacheFile {
        return new CodeCacheFile(null, new Map(), 0);
    }

    /** The cache at `file` when it was made for `runtime`; empty otherwise (missing, another runtime, damaged). */
    static open(file: string, runtime: string): CodeCacheFile {
        let fd: number | null = null;
        try {
            fd = openSync(file, "r");
            const size = fstatSync(fd).size;
            const trailer = Buffer.alloc(codeCacheTrailerBytes);
            if (
                size < codeCacheMagic.length + codeCacheTrailerBytes ||
                readSync(fd, trailer, 0, codeCacheTrailerBytes, size - codeCacheTrailerBytes) !== codeCacheTrailerBytes
            )
                throw new Error("short");
            if (trailer.toString("latin1", 4) !== codeCacheMagic) throw new Error("not a code cache");
            const indexLength = trailer.readUInt32LE(0);
            const indexStart = size - codeCacheTrailerBytes - indexLength;
            if (indexStart < codeCacheMagic.length) throw new Error("truncated");
            const index = Buffer.alloc(indexLength);
            if (readSync(fd, index, 0, indexLength, indexStart) !== indexLength) throw new Error("truncated");
            const parsed = JSON.parse(index.toString("utf8")) as { runtime?: unknown; entries?: unknown };
            if (parsed.runtime !== runtime || !Array.isArray(parsed.entries)) throw new Error("another runtime");
            const dataStart = codeCacheMagic.length;
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
        if (entry === undefined || entry.digest !== digest || this.inOrder === null) return undefined;
        let bytes: Buffer | undefined;
        try {
            bytes = this.inOrder.read(this.dataStart + entry.offset, entry.length);
        } catch {
            return undefined;
        }
        return bytes === undefined ? undefined : { entry, bytes };
    }

    /** An entry's bytes, read alone (the kept modules copied to a new file, in no order of the file's); undefined when the file cannot give them. */
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

/** Bumped when the file's layout changes. */
export const codeCacheMagic = "typeorm-migrate code cache 1\n";
/** The index's length (4 bytes) and the mark again, at the end. */
export const codeCacheTrailerBytes = 4 + codeCacheMagic.length;

function closeQuietly(fd: number): void {
    try {
        closeSync(fd);
    } catch {
        // Already closed or never usable: nothing to keep.
    }
}
