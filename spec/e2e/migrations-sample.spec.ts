import { expect } from "chai";
import { createTwoFilesPatch } from "diff";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleDialects, writeBlogSample } from "../../fixtures/blog/write-sample";
import { repoRoot } from "../support/run-cli";

describe("migrations-sample/", () => {
    let regenerated: string;
    before(async () => {
        regenerated = mkdtempSync(join(tmpdir(), "tm-sample-"));
        await writeBlogSample(regenerated);
    });
    after(() => rmSync(regenerated, { recursive: true, force: true }));

    for (const { name } of sampleDialects) {
        it(`${name}: regenerating the blog's migrations gives the committed files, byte for byte`, () => {
            const committedDir = join(repoRoot, "migrations-sample", name, "default");
            const freshDir = join(regenerated, name, "default");
            expect(readdirSync(freshDir).sort()).to.deep.equal(readdirSync(committedDir).sort());
            for (const file of readdirSync(freshDir)) {
                const committed = readFileSync(join(committedDir, file), "utf8");
                const fresh = readFileSync(join(freshDir, file), "utf8");
                expect(fresh === committed, createTwoFilesPatch(`committed/${file}`, `regenerated/${file}`, committed, fresh)).to.equal(true);
            }
        });
    }
});
