import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cacheFolder, temporaryBeside } from "../../lib/store/cache-folder";
import { StateCache } from "../../lib/store/state-cache";

// One folder for the head-state cache and the CLI's code cache (lib/store/cache-folder.ts).
describe("the cache folder", () => {
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

    const expected: Record<string, (root: string) => string | null> = {
        "": (at) => join(at, "node_modules", ".cache", "typeorm-migrate"),
        off: () => null,
        OFF: () => null,
        "0": () => null,
        no: () => null,
        false: () => null,
        "/var/cache/tm": () => "/var/cache/tm",
        // Only an absolute path moves it.
        "relative/dir": (at) => join(at, "node_modules", ".cache", "typeorm-migrate"),
    };
    for (const [setting, folder] of Object.entries(expected)) {
        it(`with TYPEORM_MIGRATE_CACHE=${JSON.stringify(setting)} is ${String(folder("<root>"))}, where the head state is kept too`, () => {
            process.env.TYPEORM_MIGRATE_CACHE = setting;
            const dir = join(root, "src", "migrations");
            expect(cacheFolder(dir)).to.equal(folder(root));
            const state = StateCache.forFolder(dir).path;
            expect(state === null ? null : dirname(state)).to.equal(folder(root));
        });
    }

    it("is none where no node_modules is above (none above the temporary folder on this machine)", () => {
        process.env.TYPEORM_MIGRATE_CACHE = "";
        const bare = mkdtempSync(join(tmpdir(), "tm-cache-folder-bare-"));
        try {
            expect(cacheFolder(bare)).to.equal(null);
            expect(StateCache.forFolder(bare).path).to.equal(null);
        } finally {
            rmSync(bare, { recursive: true, force: true });
        }
    });

    it("gives each writer its own temporary file beside the cache, even two processes with one pid (containers)", () => {
        const file = join(root, "node_modules", ".cache", "typeorm-migrate", "state.json");
        const [a, b] = [temporaryBeside(file), temporaryBeside(file)];
        expect(a).not.to.equal(b);
        expect(dirname(a)).to.equal(dirname(file));
        expect(a.startsWith(`${file}.${process.pid}-`)).to.equal(true);
    });
});
