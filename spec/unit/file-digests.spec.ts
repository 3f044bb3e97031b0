import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileDigest, FileDigests } from "../../lib/store/file-digests";

// The chain's key digests every migration file and delta: a file whose stamp (inode, size, times)
// is as it was when it was digested is not read again.

describe("FileDigests", () => {
    let folder: string;
    let memory: string;
    let digested: string[];
    beforeEach(() => {
        folder = mkdtempSync(join(tmpdir(), "tm-file-digests-"));
        memory = join(folder, "digests.json");
        digested = [];
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    const digestOf = (file: string) => {
        digested.push(file);
        return fileDigest(file);
    };
    // Files written by the test are seconds old to this clock, as a project's migrations are.
    const later = () => Date.now() + 60_000;
    const past = new Date(Date.now() - 3_600_000);
    const settled = (file: string, text: string) => {
        writeFileSync(file, text);
        utimesSync(file, past, past);
        return file;
    };

    it("digests a file's bytes, and reads a file whose stamp is unchanged no more", () => {
        const a = settled(join(folder, "a.json"), "alpha");
        const b = settled(join(folder, "b.ts"), "beta");
        const first = FileDigests.atFile(memory, digestOf, later);
        expect([first.of(a), first.of(b)]).to.deep.equal([fileDigest(a), fileDigest(b)]);
        first.save();
        expect(digested).to.deep.equal([a, b]);
        const second = FileDigests.atFile(memory, digestOf, later);
        expect([second.of(a), second.of(b)]).to.deep.equal([fileDigest(a), fileDigest(b)]);
        expect(digested).to.deep.equal([a, b]);
    });

    it("digests again a file rewritten since, even to the same size and modification time", () => {
        const a = settled(join(folder, "a.json"), "alpha");
        const first = FileDigests.atFile(memory, digestOf, later);
        first.of(a);
        first.save();
        writeFileSync(a, "ALPHA");
        utimesSync(a, past, past);
        const second = FileDigests.atFile(memory, digestOf, later);
        expect(second.of(a)).to.equal(fileDigest(a));
        expect(digested).to.deep.equal([a, a]);
    });

    it("does not remember a file changed within the last two seconds (another write in the same clock tick keeps its stamp)", () => {
        const a = join(folder, "a.json");
        writeFileSync(a, "alpha");
        const first = FileDigests.atFile(memory, digestOf);
        first.of(a);
        first.save();
        FileDigests.atFile(memory, digestOf).of(a);
        expect(digested).to.deep.equal([a, a]);
    });

    it("keeps only the files a run asked for, and reads a damaged memory as empty", () => {
        const a = settled(join(folder, "a.json"), "alpha");
        const b = settled(join(folder, "b.json"), "beta");
        const first = FileDigests.atFile(memory, digestOf, later);
        first.of(a);
        first.of(b);
        first.save();
        const second = FileDigests.atFile(memory, digestOf, later);
        second.of(b);
        second.save();
        expect(Object.keys((JSON.parse(readFileSync(memory, "utf8")) as { files: object }).files)).to.deep.equal([b]);
        writeFileSync(memory, "{ not json");
        const third = FileDigests.atFile(memory, digestOf, later);
        expect(third.of(b)).to.equal(fileDigest(b));
        expect(digested).to.deep.equal([a, b, b]);
    });

    it("keeps nothing without a file", () => {
        const a = settled(join(folder, "a.json"), "alpha");
        const none = FileDigests.atFile(null, digestOf, later);
        none.of(a);
        none.save();
        FileDigests.atFile(null, digestOf, later).of(a);
        expect(digested).to.deep.equal([a, a]);
    });
});
