import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { cacheFileOf, temporaryBeside } from "./cache-folder";
import { SequentialReads } from "./sequential-reads";

/** Where one kept entry's line lies in the file (its key, a space, its JSON; no newline). */
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
    /** The file the places were read from, open: another process may write it anew (a rename) meanwhile. */
    private readonly used = new Set<string>();
    /** Entries added and not yet written (the caller holds these values anyway: they are what it read). */
    private pending = new Map<string, unknown>();
    private readonly added = new Set<string>();
    private fd: number | undefined;
    /** The file's lines are in the order a run built its units, which is the order the next run asks for them. */
    private inOrder: SequentialReads | undefined;
    private hits = 0;

    private constructor(private readonly file: string | null) {}

    /** The cache kept for a bind's migrations folder, beside its state cache (none where that keeps none). */
    static forFolder(dir: string, name: string): UnitCache {
        return new UnitCache(cacheFileOf(dir, `${name}-`, ".jsonl"));
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
        let text: string | undefined;
        try {
            text = this.readEntry(key);
        } catch {
            return undefined;
        }
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

    /** Keeps `value` under `key` once `save` is called (not before: a read that then fails keeps nothing). */
    put(key: string, value: unknown): void {
        if (this.file === null || this.added.has(key)) return;
        this.added.add(key);
        this.used.add(key);
        this.pending.set(key, value);
    }

    /**
     * Writes what `put` added, a megabyte at a time (a large set's entries are never one string);
     * then, once the entries this run did not use outweigh the others, writes the file anew with
     * only those it used. A file that cannot be written is left as it was.
     */
    save(): void {
        this.close();
        if (this.file === null) return;
        try {
            this.append();
            const places = this.readPlaces(true);
            let usedBytes = 0;
            let otherBytes = 0;
            for (const [key, place] of places) {
                if (this.used.has(key)) usedBytes += place.length;
                else otherBytes += place.length;
            }
            if (otherBytes > usedBytes / 4 + (1 << 20)) this.rewrite(places);
        } catch {
            // Kept as it was, or in part; the next run builds what it misses.
        } finally {
            this.close();
            this.places = undefined;
        }
    }

    /** Lets go of the file this run reads from (`save` does too). */
    close(): void {
        if (this.fd === undefined) return;
        closeSync(this.fd);
        this.fd = undefined;
        this.inOrder = undefined;
    }

    private append(): void {
        if (this.pending.size === 0) return;
        const pending = this.pending;
        this.pending = new Map();
        mkdirSync(dirname(this.file as string), { recursive: true });
        const fd = openSync(this.file as string, "a");
        try {
            let batch: string[] = [];
            let bytes = 0;
            for (const [key, value] of pending) {
                const line = `${key} ${JSON.stringify(value)}\n`;
                batch.push(line);
                bytes += line.length;
                if (bytes >= 1 << 20) {
                    writeSync(fd, batch.join(""));
                    batch = [];
                    bytes = 0;
                }
            }
            if (batch.length > 0) writeSync(fd, batch.join(""));
        } finally {
            closeSync(fd);
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
                    const text = this.readAt(key, place);
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
        return place === undefined ? undefined : this.readAt(key, place);
    }

    /** The JSON of the line at `place`, if that line is `key`'s. */
    private readAt(key: string, place: Place): string | undefined {
        const line = this.inOrder?.read(place.start, place.length)?.toString("utf8");
        if (line === undefined) return undefined;
        return line.startsWith(`${key} `) ? line.slice(key.length + 1) : undefined;
    }

    /** Every complete line's key and place, read in chunks (again if `fresh`); the last entry under a key wins. */
    private readPlaces(fresh = false): Map<string, Place> {
        if (this.places !== undefined && !fresh) return this.places;
        this.close();
        const places = new Map<string, Place>();
        this.places = places;
        if (this.file === null) return places;
        let fd: number;
        try {
            fd = openSync(this.file, "r");
        } catch {
            return places;
        }
        this.fd = fd;
        this.inOrder = new SequentialReads(fd);
        try {
            const size = fstatSync(fd).size;
            let chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(size, 1)));
            for (let at = 0; at < size;) {
                const data = chunk.subarray(0, readSync(fd, chunk, 0, chunk.length, at));
                if (data.length === 0) break;
                let lineStart = 0;
                for (let end = data.indexOf(10); end >= 0; end = data.indexOf(10, lineStart)) {
                    const space = data.indexOf(32, lineStart);
                    if (space > lineStart && space < end)
                        places.set(data.toString("latin1", lineStart, space), { start: at + lineStart, length: end - lineStart });
                    lineStart = end + 1;
                }
                // A line longer than the chunk is read again in a larger one; the last, cut short, is left out.
                if (lineStart === 0) {
                    if (at + data.length >= size) break;
                    chunk = Buffer.allocUnsafe(chunk.length * 2);
                    continue;
                }
                at += lineStart;
            }
        } catch {
            places.clear();
        }
        return places;
    }
}
