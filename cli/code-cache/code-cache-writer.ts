import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { temporaryBeside } from "../lib";
import { codeCacheMagic, codeCacheTrailerBytes } from "./code-cache-file";

/** A module's row in the index: its file, the digest of its source, where its code is, when it was last used. */
type IndexRow = [file: string, digest: string, offset: number, length: number, usedAt: number];

/**
 * Writes a code cache file a module at a time: each module's code goes to a temporary file beside
 * the cache as it is added, and only its place is remembered, so that no module's code is held in
 * memory (a cold `generate` at 10,000 tables makes ~27 MB of it). `finish` writes the index and
 * renames the file over the cache, so a reader (another command running now) sees the old file or
 * the new one; `abandon` removes it. Up to `limit` bytes of code in all: a module that does not
 * fit is left out.
 */
export class CodeCacheWriter {
    /** Named when first written (see `opened`). */
    private temporary = "";
    private fd: number | null = null;
    /** Whether the temporary file was made (it is removed unless renamed into place). */
    private made = false;
    /** Set once anything failed: nothing more is written and `finish` gives up. */
    private failed = false;
    private done = false;
    /** Bytes of code written so far. */
    private size = 0;
    /** The modules added, by file: null for one whose code is not kept (none made, or over the limit). */
    private readonly rows = new Map<string, IndexRow | null>();

    constructor(
        private readonly file: string,
        private readonly limit: number,
    ) {}

    /** Whether a module was added, with its code or without. */
    has(file: string): boolean {
        return this.rows.has(file);
    }

    /** The modules whose code is kept: file, digest, offset, length, last use (for specs). */
    get index(): readonly (readonly [string, string, number, number, number])[] {
        return [...this.rows.values()].filter((row) => row !== null);
    }

    /**
     * Adds a module's code, written now; without code (undefined), the module is left out of the
     * file. A module compiled again from the same source (user modules reloaded with other emit
     * settings) keeps the code written first; from another source, its last code (the first
     * stays in the file, unindexed).
     */
    add(file: string, digest: string, usedAt: number, code: Buffer | undefined): void {
        if (this.rows.get(file)?.[1] === digest) return;
        this.rows.set(file, null);
        if (code === undefined || this.failed || this.done || this.size + code.length > this.limit) return;
        try {
            const fd = this.opened();
            writeAll(fd, code);
            this.rows.set(file, [file, digest, this.size, code.length, usedAt]);
            this.size += code.length;
        } catch {
            this.failed = true;
        }
    }

    /** Writes the index and puts the file in place of the cache. False when it could not (then nothing is left behind). */
    finish(runtime: string): boolean {
        if (this.done) return false;
        try {
            if (this.failed) throw new Error("a module's code was not written");
            const fd = this.opened();
            const index = Buffer.from(JSON.stringify({ runtime, entries: this.index }), "utf8");
            const trailer = Buffer.alloc(codeCacheTrailerBytes);
            trailer.writeUInt32LE(index.length, 0);
            trailer.write(codeCacheMagic, 4, "latin1");
            writeAll(fd, index);
            writeAll(fd, trailer);
            closeSync(fd);
            this.fd = null;
            renameSync(this.temporary, this.file);
            this.done = true;
            return true;
        } catch {
            this.abandon();
            return false;
        }
    }

    /** Removes the temporary file, if any; nothing is written after. */
    abandon(): void {
        if (this.done) return;
        this.done = true;
        if (this.fd !== null) closeQuietly(this.fd);
        this.fd = null;
        if (!this.made) return;
        try {
            rmSync(this.temporary, { force: true });
        } catch {
            // Nothing was kept; the next command compiles again.
        }
    }

    /** The temporary file, made on first use (a command that compiles nothing anew makes none). */
    private opened(): number {
        if (this.fd !== null) return this.fd;
        mkdirSync(dirname(this.file), { recursive: true });
        removeStaleTemporaries(this.file);
        this.temporary = temporaryBeside(this.file);
        this.fd = openSync(this.temporary, "w");
        this.made = true;
        writeAll(this.fd, Buffer.from(codeCacheMagic, "latin1"));
        return this.fd;
    }
}

/**
 * A writer's file lives as long as its command, and one killed by a signal (Ctrl-C: Node's default
 * handler skips `exit`) leaves it: up to the size limit each. Those not written to for an hour are
 * removed. Should one still be a command's (it writes only while it loads modules), that command
 * loses its cache only: its rename fails, or on Windows the file is in use and stays.
 */
function removeStaleTemporaries(file: string): void {
    const folder = dirname(file);
    const prefix = `${basename(file)}.`;
    const before = Date.now() - staleAfterMs;
    try {
        for (const name of readdirSync(folder)) {
            if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
            try {
                if (statSync(join(folder, name)).mtimeMs < before) rmSync(join(folder, name), { force: true });
            } catch {
                // Gone already, or in use.
            }
        }
    } catch {
        // An unreadable folder: the writer fails on its own terms.
    }
}

const staleAfterMs = 60 * 60 * 1000;

function writeAll(fd: number, bytes: Buffer): void {
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
}

function closeQuietly(fd: number): void {
    try {
        closeSync(fd);
    } catch {
        // Already closed or never usable: nothing to keep.
    }
}
