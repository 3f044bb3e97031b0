import { expect } from "chai";
import { mkdtempSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatHeader, parseClassName, parseHeader } from "../../lib/revisions/header";
import { scanMigrationFile, type ReadBytes } from "../../lib/store/migration-scan";
import { RevisionStore } from "../../lib/store/revision-store";

// RevisionStore.open reads a migration's header and class from the start of the file only (a
// 10,000-table initial migration is 30 MB), and must read them exactly as parsing the whole text would.

const header = (revision: string, message = "m") => formatHeader({ revision, parents: [], bind: "default", message }).join("\n");

/** What the store read before windows: the whole text parsed. */
function wholeParse(text: string, file: string) {
    const parsed = parseHeader(text, file);
    return parsed === null ? null : { ...parsed, ...parseClassName(text, file) };
}

describe("the store's scan of a migration file's start", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "tm-scan-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function counted(): { read: ReadBytes; bytes: () => number } {
        let bytes = 0;
        return {
            read: (fd, buffer, position) => {
                const got = readSync(fd, buffer, 0, buffer.length, position);
                bytes += got;
                return got;
            },
            bytes: () => bytes,
        };
    }

    it("reads a 20 MB migration's header and class from its first 64 KB", () => {
        const file = join(dir, "1700000000001-init.ts");
        const body = `        await queryRunner.query(\`CREATE TABLE "t" ("id" integer NOT NULL)\`);\n`.repeat(280_000);
        writeFileSync(file, `${header("aaaaaaaaaaa1")}\nexport class Init1700000000001 implements MigrationInterface {\n${body}}\n`);
        const reads = counted();
        const scanned = scanMigrationFile(file, { read: reads.read });
        expect(scanned).to.deep.include({ revision: "aaaaaaaaaaa1", name: "Init1700000000001", timestamp: 1700000000001 });
        expect(reads.bytes()).to.be.at.most(64 * 1024);
    });

    it("finds a header beyond the first window, as the whole text has it", () => {
        const file = join(dir, "1700000000002-late.ts");
        const text = `${"// a long licence comment, é and 😀 in it\n".repeat(6000)}${header("bbbbbbbbbbb2", "late ✓")}\nexport class Late1700000000002 {}\n`;
        writeFileSync(file, text);
        expect(scanMigrationFile(file)).to.deep.equal(wholeParse(text, file));
        expect(RevisionStore.open(dir).revisions.map((r) => r.name)).to.deep.equal(["Late1700000000002"]);
    });

    it("parses exactly as the whole text does, whatever the window (multi-byte characters at its edges, a stamp longer than 13 digits)", () => {
        const texts = [
            `${header("ccccccccccc3", "naïve 😀 message")}\nexport class Naive1700000000003 {}\n`,
            `${header("ccccccccccc4")}\nexport   default\n  class   Wide17000000000045 extends X {}\n`,
            `${header("ccccccccccc5")}\n"use strict";\nexports.Built1700000000005 = void 0;\nclass Built1700000000005 {}\n`,
            // The CommonJS form is only the answer when no TypeScript class is anywhere in the file.
            `${header("ccccccccccc6")}\nexports.Early1700000000006 = 1;\n${"/* padding ü */\n".repeat(400)}export class Later1700000000007 {}\n`,
        ];
        texts.forEach((text, i) => {
            const file = join(dir, `${i}.ts`);
            writeFileSync(file, text);
            for (const window of [8, 40, 100, 177, 1000, 1 << 16]) {
                expect(scanMigrationFile(file, { window }), `text ${i}, window ${window}`).to.deep.equal(wholeParse(text, file));
            }
        });
    });

    it("passes over a file that is not ours without holding it, and still throws on a header without a class", () => {
        const foreign = join(dir, "1700000000008-Foreign.ts");
        writeFileSync(foreign, `export class Foreign1700000000008 {}\n${"// x\n".repeat(100_000)}`);
        expect(scanMigrationFile(foreign, { window: 1024 })).to.equal(null);
        const classless = join(dir, "1700000000009-classless.ts");
        writeFileSync(classless, `${header("ddddddddddd9")}\n${"// x\n".repeat(1000)}`);
        expect(() => scanMigrationFile(classless, { window: 64 })).to.throw(/13-digit timestamp/);
    });
});
