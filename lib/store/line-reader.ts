import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const newline = 0x0a;

/** A file's lines as strings, read in 1 MB chunks (a line is decoded whole, so no character is cut). */
export class LineReader {
    private readonly fd: number;
    private readonly chunk: Buffer;
    private start = 0;
    private end = 0;
    private position = 0;
    private done = false;

    constructor(file: string) {
        this.fd = openSync(file, "r");
        // No more than the file: a chain's small deltas are read one after another.
        this.chunk = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, fstatSync(this.fd).size)));
    }

    /** The next line without its newline; null at the end, or past `limit` bytes. */
    next(limit = Infinity): string | null {
        const parts: Buffer[] = [];
        let length = 0;
        for (;;) {
            const at = this.chunk.indexOf(newline, this.start);
            if (at >= 0 && at < this.end) {
                const line = this.chunk.subarray(this.start, at);
                this.start = at + 1;
                return parts.length === 0 ? line.toString("utf8") : Buffer.concat([...parts, line]).toString("utf8");
            }
            if (this.end > this.start) {
                parts.push(Buffer.from(this.chunk.subarray(this.start, this.end)));
                length += this.end - this.start;
            }
            if (length > limit || !this.fill()) return length > 0 && length <= limit ? Buffer.concat(parts).toString("utf8") : null;
        }
    }

    /** Passes over the next line without decoding it; false at the end. */
    skip(): boolean {
        for (;;) {
            const at = this.chunk.indexOf(newline, this.start);
            if (at >= 0 && at < this.end) {
                this.start = at + 1;
                return true;
            }
            this.start = this.end;
            if (!this.fill()) return false;
        }
    }

    close(): void {
        closeSync(this.fd);
    }

    private fill(): boolean {
        if (this.done) return false;
        const got = readSync(this.fd, this.chunk, 0, this.chunk.length, this.position);
        this.position += got;
        this.start = 0;
        this.end = got;
        if (got === 0) this.done = true;
        return got > 0;
    }
}
