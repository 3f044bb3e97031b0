import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/**
 * How long a lock file may stay empty (or unreadable) before it counts as abandoned. Taking the lock
 * creates the file and writes the holder's name in one call, so a live holder leaves it empty for
 * microseconds; one that stays empty was left by a process killed in between, or by a full disk.
 */
const unnamedGraceMs = 2_000;

/**
 * A lock held by creating a file exclusively. It names its holder (`pid@host`), so a lock left by
 * a process that died (SIGKILL) is recognized on the same host and taken over. A lock naming a
 * process on another host is never taken over: its liveness cannot be checked from here.
 */
export class LockFile {
    private readonly owner = `${process.pid}@${hostname()}`;

    constructor(readonly path: string) {}

    tryTake(): boolean {
        if (createNamed(this.path, this.owner)) return true;
        if (!isAbandoned(this.path)) return false;
        // Only one process at a time clears an abandoned lock: two that both found it abandoned
        // would otherwise each delete the lock the other had just taken, and both would run.
        const guard = `${this.path}.takeover`;
        if (!createNamed(guard, this.owner)) {
            if (isAbandoned(guard)) rmSync(guard, { force: true });
            return false;
        }
        try {
            if (isAbandoned(this.path)) rmSync(this.path, { force: true });
        } finally {
            rmSync(guard, { force: true });
        }
        return createNamed(this.path, this.owner);
    }

    readonly release = (): void => {
        if (readHolder(this.path)?.text === this.owner) rmSync(this.path, { force: true });
    };

    /** Who holds the lock, for messages: `pid 123 on host`, or why no one can be named. */
    describeHolder(): string {
        const seen = readHolder(this.path);
        if (seen === null) return "no one now";
        const holder = parseHolder(seen.text);
        return holder === null ? "a process that wrote no name in it" : `pid ${holder.pid} on ${holder.host}`;
    }
}

function createNamed(path: string, owner: string): boolean {
    try {
        writeFileSync(path, owner, { flag: "wx" });
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
    }
}

/** True when the lock at `path` exists and its holder is gone (or unnamed for too long). */
function isAbandoned(path: string): boolean {
    const seen = readHolder(path);
    // Gone already: not abandoned, just free; the next attempt takes it.
    if (seen === null) return false;
    const holder = parseHolder(seen.text);
    if (holder === null) return Date.now() - seen.modifiedMs > unnamedGraceMs;
    if (holder.host !== hostname()) return false;
    return !isRunning(holder.pid);
}

function readHolder(path: string): { text: string; modifiedMs: number } | null {
    try {
        return { modifiedMs: statSync(path).mtimeMs, text: readFileSync(path, "utf8") };
    } catch {
        return null;
    }
}

/** `pid@host`; surrounding whitespace (a trailing newline from an editor or `echo`) does not count. */
function parseHolder(text: string): { pid: number; host: string } | null {
    const match = /^(\d+)@(.+)$/.exec(text.trim());
    return match === null ? null : { pid: Number(match[1]), host: match[2] };
}

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        // EPERM: it exists, under another user.
        return (error as NodeJS.ErrnoException).code !== "ESRCH";
    }
}
