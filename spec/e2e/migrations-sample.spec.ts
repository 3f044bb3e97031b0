import { expect } from "chai";
import { createTwoFilesPatch } from "diff";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleLayouts, writeBlogSample } from "../../fixtures/blog/write-sample";
import { repoRoot } from "../support/run-cli";

describe("migrations-sample/", () => {
    let regenerated: string;
    before(async () => {
        regenerated = mkdtempSync(join(tmpdir(), "tm-sample-"));
        await writeBlogSample(regenerated);
    });
    after(() => rmSync(regenerated, { recursive: true, force: true }));

    const folders = sampleLayouts.flatMap((layout) => layout.binds.map((bind) => join(layout.name, bind.history[0].bind)));
    it("holds exactly the layouts and binds the sample writer writes", () => {
        const committed = readdirSync(join(repoRoot, "migrations-sample")).flatMap((layout) =>
            readdirSync(join(repoRoot, "migrations-sample", layout)).map((bind) => join(layout, bind)),
        );
        expect(committed.sort()).to.deep.equal([...folders].sort());
    });
    for (const folder of folders) {
        it(`${folder}: regenerating the blog's migrations gives the committed files, byte for byte`, () => {
            const committedDir = join(repoRoot, "migrations-sample", folder);
            const freshDir = join(regenerated, folder);
            expect(readdirSync(freshDir).sort()).to.deep.equal(readdirSync(committedDir).sort());
            for (const file of readdirSync(freshDir)) {
                const committed = readFileSync(join(committedDir, file), "utf8");
                const fresh = readFileSync(join(freshDir, file), "utf8");
                expect(fresh === committed, createTwoFilesPatch(`committed/${file}`, `regenerated/${file}`, committed, fresh)).to.equal(true);
            }
        });
    }
});
