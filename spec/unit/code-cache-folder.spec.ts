import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cacheFolder } from "../../cli/code-cache/cache-folder";
import { StateCache } from "../../lib/store/state-cache";

// The code cache (cli/) cannot load the head-state cache's rules (lib/store/state-cache.ts loads
// TypeORM), so it keeps a copy of them: both must name the same folder.
describe("code cache folder", () => {
    let root: string;
    const saved = process.env.TYPEORM_MIGRATE_CACHE;
    before(() => {
        root = mkdtempSync(join(tmpdir(), "tm-cache-folder-"));
        mkdirSync(join(root, "node_modules"));
        mkdirSync(join(root, "src", "migrations"), { recursive: true });
    });
    after(() => {
        if (saved === undefined) delete process.env.TYPEORM_MIGRATE_CACHE;
        else process.env.TYPEORM_MIGRATE_CACHE = saved;
        rmSync(root, { recursive: true, force: true });
    });

    for (const setting of ["", "off", "OFF", "0", "no", "false", "/var/cache/tm", "relative/dir"]) {
        it(`is the head-state cache's folder with TYPEORM_MIGRATE_CACHE=${JSON.stringify(setting)}`, () => {
            process.env.TYPEORM_MIGRATE_CACHE = setting;
            const dir = join(root, "src", "migrations");
            const state = StateCache.forFolder(dir).path;
            expect(cacheFolder(dir)).to.equal(state === null ? null : dirname(state));
        });
    }

    it("is the head-state cache's folder where no node_modules is above (none, on this machine)", () => {
        process.env.TYPEORM_MIGRATE_CACHE = "";
        const bare = mkdtempSync(join(tmpdir(), "tm-cache-folder-bare-"));
        try {
            const state = StateCache.forFolder(bare).path;
            expect(cacheFolder(bare)).to.equal(state === null ? null : dirname(state));
        } finally {
            rmSync(bare, { recursive: true, force: true });
        }
    });
});
