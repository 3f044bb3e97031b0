import { expect } from "chai";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UnitCache } from "../../lib/store/unit-cache";

// What large entity sets read is kept per unit of entities between runs, one line per entry,
// appended; only the entries a run asks for are read, and a damaged line is a miss.

describe("UnitCache", () => {
    let folder: string;
    beforeEach(() => (folder = mkdtempSync(join(tmpdir(), "tm-unit-cache-"))));
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    const key = (n: number) => n.toString(16).padStart(40, "0");

    it("gives back what an earlier run kept, and nothing for a key never kept", () => {
        const file = join(folder, "units.jsonl");
        const first = UnitCache.atFile(file);
        expect(first.get(key(1))).to.equal(undefined);
        first.put(key(1), { reads: ["a"], n: 1 });
        first.put(key(2), { reads: [], text: "line\nbreak é" });
        first.save();
        const second = UnitCache.atFile(file);
        expect(second.get(key(2))).to.deep.equal({ reads: [], text: "line\nbreak é" });
        expect(second.get(key(1))).to.deep.equal({ reads: ["a"], n: 1 });
        expect(second.get(key(3))).to.equal(undefined);
        expect(second.counts).to.deep.equal({ found: 2, added: 0 });
    });

    it("appends what a run adds, keeping the rest as it was", () => {
        const file = join(folder, "units.jsonl");
        const first = UnitCache.atFile(file);
        first.put(key(1), { v: 1 });
        first.save();
        const before = readFileSync(file, "utf8");
        const second = UnitCache.atFile(file);
        second.put(key(2), { v: 2 });
        second.save();
        const after = readFileSync(file, "utf8");
        expect(after.startsWith(before)).to.equal(true);
        expect(after.split("\n").filter(Boolean)).to.have.length(2);
    });

    it("writes nothing when a run found everything it asked for", () => {
        const file = join(folder, "units.jsonl");
        const first = UnitCache.atFile(file);
        first.put(key(1), { v: 1 });
        first.save();
        const { mtimeMs } = statSync(file);
        const second = UnitCache.atFile(file);
        expect(second.get(key(1))).to.deep.equal({ v: 1 });
        second.save();
        expect(statSync(file).mtimeMs).to.equal(mtimeMs);
    });

    it("a line cut short or garbled is a miss, and the lines around it still read", () => {
        const file = join(folder, "units.jsonl");
        writeFileSync(file, `${key(1)} {"v":1}\n${key(2)} {"v":\n${key(3)} not json\n${key(4)} {"v":4}\n${key(5)} {"v":5`);
        const cache = UnitCache.atFile(file);
        expect(cache.get(key(1))).to.deep.equal({ v: 1 });
        expect(cache.get(key(2))).to.equal(undefined);
        expect(cache.get(key(3))).to.equal(undefined);
        expect(cache.get(key(4))).to.deep.equal({ v: 4 });
        expect(cache.get(key(5)), "a last line without its newline").to.equal(undefined);
    });

    it("reads lines that straddle its reading chunks", () => {
        const file = join(folder, "units.jsonl");
        const big = "x".repeat((1 << 20) - 30);
        const cache = UnitCache.atFile(file);
        for (let n = 1; n <= 4; n++) cache.put(key(n), { n, big });
        cache.save();
        const again = UnitCache.atFile(file);
        for (let n = 4; n >= 1; n--) expect((again.get(key(n)) as { n: number }).n).to.equal(n);
    });

    it("is written anew with only the entries in use once the others outweigh them", () => {
        const file = join(folder, "units.jsonl");
        const old = UnitCache.atFile(file);
        const big = "y".repeat(1 << 19);
        for (let n = 1; n <= 5; n++) old.put(key(n), { n, big });
        old.save();
        const run = UnitCache.atFile(file);
        expect(run.get(key(5))).to.deep.equal({ n: 5, big });
        run.put(key(6), { n: 6 });
        run.save();
        const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
        expect(lines.map((line) => line.slice(0, 40))).to.deep.equal([key(5), key(6)]);
        const next = UnitCache.atFile(file);
        expect(next.get(key(1))).to.equal(undefined);
        expect(next.get(key(6))).to.deep.equal({ n: 6 });
    });

    it("keeps nothing without a file, or where the file cannot be written", () => {
        const none = UnitCache.atFile(null);
        none.put(key(1), { v: 1 });
        none.save();
        expect(none.get(key(1))).to.equal(undefined);
        expect(none.counts).to.deep.equal({ found: 0, added: 0 });
        const blocked = join(folder, "blocked");
        writeFileSync(blocked, "a file where a folder should be");
        const unwritable = UnitCache.atFile(join(blocked, "units.jsonl"));
        unwritable.put(key(1), { v: 1 });
        expect(() => unwritable.save()).not.to.throw();
        expect(existsSync(join(blocked, "units.jsonl"))).to.equal(false);
    });

    it("for a migrations folder, lives beside the state cache in the nearest node_modules, and nowhere with TYPEORM_MIGRATE_CACHE=off", () => {
        mkdirSync(join(folder, "node_modules"));
        const migrations = join(folder, "src", "migrations");
        mkdirSync(migrations, { recursive: true });
        const saved = process.env.TYPEORM_MIGRATE_CACHE;
        try {
            delete process.env.TYPEORM_MIGRATE_CACHE;
            expect(UnitCache.forFolder(migrations, "entities").path).to.match(/node_modules\/\.cache\/typeorm-migrate\/entities-[0-9a-f]{16}\.jsonl$/);
            expect(UnitCache.forFolder(migrations, "entities").path?.startsWith(folder)).to.equal(true);
            process.env.TYPEORM_MIGRATE_CACHE = "off";
            expect(UnitCache.forFolder(migrations, "entities").path).to.equal(null);
        } finally {
            if (saved === undefined) delete process.env.TYPEORM_MIGRATE_CACHE;
            else process.env.TYPEORM_MIGRATE_CACHE = saved;
        }
    });

    it("an entry appended by another process after this one looked is still found on the next run", () => {
        const file = join(folder, "units.jsonl");
        const mine = UnitCache.atFile(file);
        expect(mine.get(key(1))).to.equal(undefined);
        appendFileSync(file, `${key(2)} {"v":2}\n`);
        mine.put(key(1), { v: 1 });
        mine.save();
        const next = UnitCache.atFile(file);
        expect(next.get(key(1))).to.deep.equal({ v: 1 });
        expect(next.get(key(2))).to.deep.equal({ v: 2 });
    });

    it("another process writing the file anew meanwhile never hands one key another key's entry", () => {
        const file = join(folder, "units.jsonl");
        // Lines of one length: a place read from the old file lands on a whole line of the new one.
        const line = (n: number) => `${key(n)} {"n":${n}}\n`;
        writeFileSync(file, line(1) + line(2) + line(3));
        const mine = UnitCache.atFile(file);
        expect(mine.get(key(9))).to.equal(undefined);
        writeFileSync(`${file}.new`, line(3) + line(1) + line(2));
        renameSync(`${file}.new`, file);
        expect(mine.get(key(2))).to.deep.equal({ n: 2 });
        expect(mine.get(key(3))).to.deep.equal({ n: 3 });
        mine.close();
        writeFileSync(file, line(3) + line(1));
        const stale = UnitCache.atFile(file);
        expect(stale.get(key(9))).to.equal(undefined);
        writeFileSync(file, line(1) + line(3));
        expect(stale.get(key(3)), "the same file changed in place: a line that is not the key's is a miss").to.equal(undefined);
    });
});
