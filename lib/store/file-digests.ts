import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { cacheFileOf, temporaryBeside } from "./cache-folder";

/** What the kernel says of a file that changes whenever its bytes do: inode, size, modification and change times (ns). */
type Stamp = readonly [ino: string, size: string, mtimeNs: string, ctimeNs: string];

interface Remembered {
    readonly stamp: Stamp;
    readonly digest: string;
}

/**
 * A file this recently changed is digested again every time: two writes within one tick of the
 * file system's clock could leave the same stamp on other bytes (git's "racy" entries).
 */
const settleMs = 2000;

const fileFormat = 1;

/**
 * The digests of a migrations folder's files, remembered between runs with each file's stamp:
 * a file whose inode, size and times are as they were when it was digested is not read again.
 * Every write changes the change time (ctime), which no tool can set back, and a file replaced
 * by a rename is another inode. Each run keeps the digests of the files it asked for, beside the
 * state cache; a file that cannot be read or parsed is an empty memory, one that cannot be
 * written is left as it was. The chain's key is made of these digests: at 1,000 tables the
 * initial revision's delta alone is 8 MB, some 15 ms to hash on every `generate` and `check`.
 */
export class FileDigests {
    private known: Map<string, Remembered> | undefined;
    private readonly asked = new Map<string, Remembered>();
    private changed = false;

    private constructor(
        private readonly file: string | null,
        private readonly digestOf: (file: string) => string,
        private readonly now: () => number,
    ) {}

    /** The digests remembered for the migrations folder `dir`. */
    static forFolder(dir: string): FileDigests {
        return FileDigests.atFile(cacheFileOf(dir, "digests-", ".json"));
    }

    /**
     * Digests remembered in `file` (none kept when null); `digestOf` digests a file anew, `now` is
     * the clock a file's change time is compared with.
     */
    static atFile(file: string | null, digestOf: (file: string) => string = fileDigest, now: () => number = Date.now): FileDigests {
        return new FileDigests(file, digestOf, now);
    }

    /** The digest of `file`'s bytes as they are now. */
    of(file: string): string {
        const path = resolve(file);
        const stamp = stampOf(path);
        const remembered = this.remembered().get(path);
        if (remembered !== undefined && sameStamp(remembered.stamp, stamp)) {
            this.asked.set(path, remembered);
            return remembered.digest;
        }
        const digest = this.digestOf(path);
        // Stamped before it was read: a write meanwhile gives it another stamp next time.
        if (this.now() - Number(BigInt(stamp[3]) / 1_000_000n) > settleMs) {
            this.asked.set(path, { stamp, digest });
            this.changed = true;
        }
        return digest;
    }

    /** Keeps the digests of the files asked for this run (only those); skipped when nothing changed or the file cannot be written. */
    save(): void {
        if (this.file === null || (!this.changed && this.asked.size === this.remembered().size)) return;
        const temporary = temporaryBeside(this.file);
        try {
            mkdirSync(dirname(this.file), { recursive: true });
            const files = Object.fromEntries([...this.asked].map(([path, { stamp, digest }]) => [path, [...stamp, digest]]));
            writeFileSync(temporary, JSON.stringify({ format: fileFormat, files }));
            renameSync(temporary, this.file);
        } catch {
            rmSync(temporary, { force: true });
        }
    }

    private remembered(): Map<string, Remembered> {
        this.known ??= this.read();
        return this.known;
    }

    private read(): Map<string, Remembered> {
        const known = new Map<string, Remembered>();
        if (this.file === null) return known;
        try {
            const parsed = JSON.parse(readFileSync(this.file, "utf8")) as { format?: unknown; files?: unknown };
            if (parsed.format !== fileFormat || typeof parsed.files !== "object" || parsed.files === null) return known;
            for (const [path, row] of Object.entries(parsed.files)) {
                if (Array.isArray(row) && row.length === 5 && row.every((field) => typeof field === "string")) {
                    const [ino, size, mtimeNs, ctimeNs, digest] = row;
                    known.set(path, { stamp: [ino, size, mtimeNs, ctimeNs], digest });
                }
            }
        } catch {
            known.clear();
        }
        return known;
    }
}

/** A file's content digest, read in chunks (a large delta is never held whole for it). */
export function fileDigest(file: string): string {
    const hash = createHash("sha1");
    const chunk = Buffer.allocUnsafe(1 << 20);
    const fd = openSync(file, "r");
    try {
        for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
    } finally {
        closeSync(fd);
    }
    return hash.digest("hex");
}

function stampOf(path: string): Stamp {
    const stats = statSync(path, { bigint: true });
    return [String(stats.ino), String(stats.size), String(stats.mtimeNs), String(stats.ctimeNs)];
}

function sameStamp(a: Stamp, b: Stamp): boolean {
    return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}
