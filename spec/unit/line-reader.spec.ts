import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LineReader } from "../../lib/store/line-reader";

// The state cache and the delta replay read their files through this, 1 MB at a time: lines
// that cross a chunk's end, and characters cut there, must come out as splitting the text would.

describe("LineReader", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "tm-line-reader-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function linesOf(file: string): string[] {
        const reader = new LineReader(file);
        try {
            const lines: string[] = [];
            for (let line = reader.next(); line !== null; line = reader.next()) lines.push(line);
            return lines;
        } finally {
            reader.close();
        }
    }

    it("gives the lines of a text whose lines and characters cross the 1 MB chunks", () => {
        const long = "é😀x".repeat(300_000); // 2.4 MB of UTF-8: a line over two chunk ends
        const lines = ["", "first", long, "", ...Array.from({ length: 5000 }, (_, i) => `${"ü".repeat(i % 97)}${i}`), "last without a newline"];
        const file = join(dir, "lines.txt");
        writeFileSync(file, lines.join("\n"));
        expect(linesOf(file)).to.deep.equal(lines);
        writeFileSync(file, lines.join("\n") + "\n");
        expect(linesOf(file)).to.deep.equal(lines);
    });

    it("gives null for a first line longer than the limit, without reading it whole", () => {
        const file = join(dir, "one-line.json");
        writeFileSync(file, "x".repeat(3 << 20) + "\nnext\n");
        const reader = new LineReader(file);
        try {
            expect(reader.next(1 << 20)).to.equal(null);
        } finally {
            reader.close();
        }
        const empty = join(dir, "empty");
        writeFileSync(empty, "");
        expect(linesOf(empty)).to.deep.equal([]);
    });
});
