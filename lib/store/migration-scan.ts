import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { classPatterns, parseClassName, parseHeader, type RevisionHeader } from "../revisions/header";

/** What the store needs of a migration file: its header (null: not ours) and class. */
export type ScannedMigration = (RevisionHeader & { readonly name: string; readonly timestamp: number }) | null;

/** Reads `length` bytes of the open file at `position` into `buffer` (a seam for the specs, which count them). */
export type ReadBytes = (fd: number, buffer: Buffer, position: number) => number;

export interface ScanOptions {
    /** Bytes read first; the window grows fourfold until the header and class are in it. */
    readonly window?: number;
    readonly read?: ReadBytes;
}

const markerText = "typeorm-migrate revision";
const marker = Buffer.from(markerText);
const newline = 0x0a;

/**
 * The header and class of a migration file, from as much of its start as they need: a
 * 10,000-table initial migration is some 30 MB, and reading it whole held that much heap for
 * the store's life (the parsed strings were slices of it). The result is `parseHeader` and
 * `parseClassName` of the whole text, exactly: a window is cut after a newline (so it decodes
 * as the start of the whole text does) and is only trusted where nothing found in it depends
 * on what follows it; otherwise it grows, up to the whole file.
 */
export function scanMigrationFile(file: string, options: ScanOptions = {}): ScannedMigration {
    const read = options.read ?? ((fd, buffer, position) => readSync(fd, buffer, 0, buffer.length, position));
    const fd = openSync(file, "r");
    try {
        const size = fstatSync(fd).size;
        const first = options.window ?? 64 * 1024;
        for (let window = first; ; window *= 4) {
            const { text, whole } = startOf(fd, size, Math.min(window, size), read);
            // A file that is not ours (TypeORM's own generator, an index file) is passed over without holding it.
            if (!whole && window === first && !text.includes(markerText) && !fileHolds(fd, size, read, marker)) return null;
            const scanned = whole ? scanWhole(text, file) : scanStart(text, file, () => noTypeScriptClass(fd, size, read));
            // Fresh strings: V8 keeps the parsed ones as slices of the text, which would keep all of it.
            if (scanned !== undefined) return scanned === null ? null : (JSON.parse(JSON.stringify(scanned)) as ScannedMigration);
        }
    } finally {
        closeSync(fd);
    }
}

function scanWhole(text: string, file: string): ScannedMigration {
    const header = parseHeader(text, file);
    if (header === null) return null;
    return { ...header, ...parseClassName(text, file) };
}

/** undefined: `text` (the file's start, ending in a newline) is not enough to tell. */
function scanStart(text: string, file: string, noTypeScriptClassInFile: () => boolean): ScannedMigration | undefined {
    const at = text.indexOf(markerText);
    // The whole file holds the marker (checked first): the first one is further on.
    if (at < 0 || text.indexOf("*/", at) < 0) return undefined;
    const header = parseHeader(text, file);
    if (header === null) return undefined;
    // A match ending before the window's end reads the same in the whole text (`\b` looks one on).
    const ends = (pattern: RegExp): boolean => {
        const match = pattern.exec(text);
        return match !== null && match.index + match[0].length < text.length;
    };
    // parseClassName falls back to the CommonJS form only when no TypeScript class is anywhere in the file.
    if (ends(classPatterns.typeScript) || (ends(classPatterns.commonJs) && noTypeScriptClassInFile())) return { ...header, ...parseClassName(text, file) };
    return undefined;
}

/** The first `length` bytes, cut after their last newline unless they are the whole file. */
function startOf(fd: number, size: number, length: number, read: ReadBytes): { text: string; whole: boolean } {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
        const got = read(fd, buffer.subarray(filled), filled);
        if (got <= 0) break;
        filled += got;
    }
    // A file that changed size under us: its whole text as readFileSync would have seen it is not ours to guess.
    const whole = filled >= size;
    if (whole) return { text: buffer.toString("utf8", 0, filled), whole };
    // Decoding stops at an ASCII byte, so no character is cut and the text is the start of the whole one.
    const cut = buffer.lastIndexOf(newline, filled - 1);
    return { text: cut < 0 ? "" : buffer.toString("utf8", 0, cut + 1), whole };
}

/**
 * No "export" followed by a byte that may start whitespace (ASCII or, as any byte above 0x7f might,
 * Unicode), anywhere in the file: then `export\s+…class` cannot match, and CommonJS's form is the one.
 */
function noTypeScriptClass(fd: number, size: number, read: ReadBytes): boolean {
    const word = Buffer.from("export");
    const found = bytesOf(fd, size, read, (chunk, from) => {
        for (let at = chunk.indexOf(word, from); at >= 0; at = chunk.indexOf(word, at + 1)) {
            if (at + word.length >= chunk.length) return at;
            const next = chunk[at + word.length];
            if ((next >= 0x09 && next <= 0x0d) || next === 0x20 || next >= 0x80) return at;
        }
        return -1;
    });
    return found === -1;
}

function fileHolds(fd: number, size: number, read: ReadBytes, bytes: Buffer): boolean {
    return bytesOf(fd, size, read, (chunk, from) => chunk.indexOf(bytes, from)) >= 0;
}

/**
 * Streams the file in 1 MB chunks (each with the previous one's last 64 bytes, so a word across
 * two is seen) and gives the first offset `find` reports, or -1.
 */
function bytesOf(fd: number, size: number, read: ReadBytes, find: (chunk: Buffer, from: number) => number): number {
    const overlap = 64;
    const chunk = Buffer.allocUnsafe((1 << 20) + overlap);
    let kept = 0;
    for (let position = 0; position < size;) {
        const got = read(fd, chunk.subarray(kept, kept + (1 << 20)), position);
        if (got <= 0) break;
        const filled = kept + got;
        const at = find(chunk.subarray(0, filled), 0);
        // A hit inside the kept tail is one that ran off the previous chunk's end (others returned there).
        if (at >= 0) return position - kept + at;
        position += got;
        kept = Math.min(overlap, filled);
        chunk.copy(chunk, 0, filled - kept, filled);
    }
    return -1;
}
