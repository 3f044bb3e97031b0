import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { cacheFolder, temporaryBeside } from "./cache-folder";
import { digest } from "./state-cache";

/** Pending entries are written once they are this many bytes (UTF-16 units: about). */
const flushAt = 1 << 20;

/** Where one kept entry's JSON lies in the file. */
interface Place {
    readonly start: number;
    readonly length: number;
}

/**
 * Values kept between runs under content keys, one per line (`<key> <JSON>`), in a file that is
 * appended to: what a run finds is read from the file by its place, one entry at a time, so the
 * file is never held whole (at 10,000 entities it is tens of megabytes). A key is a digest of
 * everything its value was made from; an entry is never changed, only left behind when nothing
 * asks for it any more, and the file is written anew without those once they outweigh the rest.
 * A line that does not parse is a miss. A cache at no file keeps nothing.
 */
export class UnitCache {
    private places: Map<string, Place> | undefined;
    private readonly used = new Set<string>();
    /** Entries added and not yet written, as lines; written once they reach `flushAt` bytes, so that a large set's are never held whole. */
    private pending: string[] = [];
    private pendingBytes = 0;
    private readonly added = new Set<string>();
    private unwritable = false;
    private hits = 0;

    private constructor(private readonly file: string | null) {}

    /** The cache kept for a bind's migrations folder, beside its state cache (none where that keeps none). */
    static forFolder(dir: string, name: string): UnitCache {
        const absolute = resolve(dir);
        const folder = cacheFolder(absolute);
        return new UnitCache(folder === null ? null : join(folder, `${name}-${digest(absolute).slice(0, 16)}.jsonl`));
    }

    /** A cache in `file` (tests; a script's own place). */
    static atFile(file: string | null): UnitCache {
        return new UnitCache(file);
    }

    get path(): string | null {
        return this.file;
    }

    /** How many entries this run found, and how many it added. */
    get counts(): { readonly found: number; readonly added: number } {
        return { found: this.hits, added: this.added.size };
    }

    /** The value kept under `key`, parsed; undefined when none is, or it does not parse. */
    get(key: string): unknown {
        if (this.file === null) return undefined;
        const text = this.readEntry(key);
        if (text === undefined) return undefined;
        try {
            const value: unknown = JSON.parse(text);
            this.used.add(key);
            this.hits++;
            return value;
        } catch {
            return undefined;
        }
    }

    /** Keeps `value` under `key` (written by `save` at the latest). */
    put(key: string, value: unknown): void {
        if (this.file === null || this.added.has(key)) return;
        this.added.add(key);
        this.used.add(key);
        const line = `${key} ${JSON.stringify(value)}\n`;
        this.pending.push(line);
        this.pendingBytes += line.length;
        if (this.pendingBytes >= flushAt) this.flush();
    }

    /**
     * Writes what `put` added and not yet written; then, once the entries this run did not use
     * outweigh the others, writes the file anew with only those it used. A file that cannot be
     * written is left as it was.
     */
    save(): void {
        this.flush();
        if (this.file === null || this.unwritable) return;
        const places = this.readPlaces(true);
        let usedBytes = 0;
        let otherBytes = 0;
        for (const [key, place] of places) {
            if (this.used.has(key)) usedBytes += place.length;
            else otherBytes += place.length;
        }
        if (otherBytes <= usedBytes + (1 << 20)) return;
        try {
            this.rewrite(places);
        } catch {
            // Kept as it was; the next run tries again.
        }
        this.places = undefined;
    }

    private flush(): void {
        if (this.pending.length === 0) return;
        const lines = this.pending;
        this.pending = [];
        this.pendingBytes = 0;
        if (this.unwritable) return;
        try {
            mkdirSync(dirname(this.file as string), { recursive: true });
            const fd = openSync(this.file as string, "a");
            try {
                writeSync(fd, lines.join(""));
            } finally {
                closeSync(fd);
            }
        } catch {
            // Nothing more is kept this run; the next one builds what it misses.
            this.unwritable = true;
        }
    }

    private rewrite(places: ReadonlyMap<string, Place>): void {
        const file = this.file as string;
        const temporary = temporaryBeside(file);
        try {
            const out = openSync(temporary, "w");
            try {
                for (const [key, place] of places) {
                    if (!this.used.has(key)) continue;
                    const text = this.readAt(place);
                    if (text !== undefined) writeSync(out, `${key} ${text}\n`);
                }
            } finally {
                closeSync(out);
            }
            renameSync(temporary, file);
        } catch (error) {
            rmSync(temporary, { force: true });
            throw error;
        }
    }

    private readEntry(key: string): string | undefined {
        const place = this.readPlaces().get(key);
        return place === undefined ? undefined : this.readAt(place);
    }

    private readAt(place: Place): string | undefined {
        const buffer = Buffer.allocUnsafe(place.length);
        const fd = openSync(this.file as string, "r");
        try {
            return readSync(fd, buffer, 0, place.length, place.start) === place.length ? buffer.toString("utf8") : undefined;
        } finally {
            closeSync(fd);
        }
    }

    /** Every complete line's key and place, read in chunks (again if `fresh`); the last entry under a key wins. */
    private readPlaces(fresh = false): Map<string, Place> {
        if (this.places !== undefined && !fresh) return this.places;
        const places = new Map<string, Place>();
        this.places = places;
        if (this.file === null || !existsSync(this.file)) return places;
        let fd: number;
        try {
            fd = openSync(this.file, "r");
        } catch {
            return places;
        }
        try {
            const size = fstatSync(fd).size;
            const chunk = Buffer.allocUnsafe(1 << 20);
            let carry = Buffer.alloc(0);
            let carryStart = 0;
            for (let at = 0; at < size;) {
                const read = readSync(fd, chunk, 0, chunk.length, at);
                if (read <= 0) break;
                const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
                const dataStart = carry.length > 0 ? carryStart : at;
                let lineStart = 0;
                for (let end = data.indexOf(10, lineStart); end >= 0; end = data.indexOf(10, lineStart)) {
                    const space = data.indexOf(32, lineStart);
                    if (space > lineStart && space < end) {
                        places.set(data.toString("latin1", lineStart, space), { start: dataStart + space + 1, length: end - space - 1 });
                    }
                    lineStart = end + 1;
                }
                carry = Buffer.from(data.subarray(lineStart));
                carryStart = dataStart + lineStart;
                at += read;
            }
        } catch {
            places.clear();
        } finally {
            closeSync(fd);
        }
        return places;
    }
}
