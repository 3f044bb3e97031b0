import { expect } from "chai";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SequentialReads } from "../../lib/store/sequential-reads";

// The caches read their entries by place, mostly in the file's order: a range read on from the
// last one is read with what follows it, any other range alone.

describe("SequentialReads", () => {
    let folder: string;
    let file: string;
    let fd: number;
    const text = "0123456789abcdefghijklmnopqrstuvwxyz";
    beforeEach(() => {
        folder = mkdtempSync(join(tmpdir(), "tm-sequential-reads-"));
        file = join(folder, "data");
        writeFileSync(file, text);
        fd = openSync(file, "r");
    });
    afterEach(() => {
        closeSync(fd);
        rmSync(folder, { recursive: true, force: true });
    });

    const read = (reads: SequentialReads, start: number, length: number) => reads.read(start, length)?.toString("latin1");

    it("gives the bytes of each range, in order, out of order and across the end of what was read ahead", () => {
        const reads = new SequentialReads(fd, 8);
        expect(read(reads, 0, 3)).to.equal("012");
        expect(read(reads, 4, 3)).to.equal("456");
        expect(read(reads, 6, 4)).to.equal("6789");
        expect(read(reads, 20, 2)).to.equal("kl");
        expect(read(reads, 2, 30)).to.equal(text.slice(2, 32));
        expect(read(reads, 34, 2)).to.equal("yz");
    });

    it("gives nothing for a range the file does not hold whole", () => {
        const reads = new SequentialReads(fd, 8);
        expect(reads.read(30, 10)).to.equal(undefined);
        expect(reads.read(40, 1)).to.equal(undefined);
    });

    it("serves a range that reads on from what it read ahead, and reads any other range from the file", () => {
        const reads = new SequentialReads(fd, 16);
        expect(read(reads, 0, 2)).to.equal("01");
        // Changed under it: what was read ahead is what the next ranges in order come from.
        writeFileSync(file, text.toUpperCase());
        expect(read(reads, 2, 10)).to.equal("23456789ab");
        expect(read(reads, 30, 3)).to.equal("UVW");
        expect(read(reads, 33, 3)).to.equal("XYZ");
    });

    it("never writes over bytes it gave out", () => {
        const reads = new SequentialReads(fd, 4);
        const first = reads.read(0, 2) as Buffer;
        const second = reads.read(2, 2) as Buffer;
        reads.read(4, 2);
        reads.read(6, 4);
        reads.read(12, 2);
        expect(first.toString("latin1")).to.equal("01");
        expect(second.toString("latin1")).to.equal("23");
    });
});
