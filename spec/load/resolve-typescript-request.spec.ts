import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { resolveTypeScriptRequest } from "../../lib/load/resolve-typescript-request";

/** Imports resolved as tsc resolves them, where Node's own resolution finds nothing. */
describe("resolveTypeScriptRequest", () => {
    let root: string;
    const write = (path: string, text = "export {};\n") => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    };
    const from = (file: string, specifier: string) => resolveTypeScriptRequest(specifier, join(root, file));

    before(() => {
        root = mkdtempSync(join(tmpdir(), "tm-resolve-"));
        // paths and baseUrl in a config the project's tsconfig extends, relative to that config.
        write(
            "configs/base.json",
            `{
            // comments and trailing commas, as tsconfig allows
            "compilerOptions": { "baseUrl": "../src", "paths": { "@/*": ["*"], "@app/db/*": ["database/*"], "@app/*": ["app/*"], "config": ["app/config.ts"], }, },
        }`,
        );
        write("node_modules/@company/tsconfig/tsconfig.json", `{ "compilerOptions": { "strict": true } }`);
        write("tsconfig.json", `{ "extends": ["@company/tsconfig/tsconfig.json", "./configs/base.json"], "include": ["src"] }`);
        for (const file of [
            "src/posts/post.entity.ts",
            "src/database/user.ts",
            "src/app/db/user.ts",
            "src/app/config.ts",
            "src/shared/index.ts",
            "src/esm/author.mts",
            "src/plain.tsx",
        ])
            write(file);
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it("a paths alias, relative to the baseUrl of the config that declares it", () => {
        expect(from("src/main.ts", "@/posts/post.entity")).to.equal(join(root, "src/posts/post.entity.ts"));
    });

    it("the pattern with the longest prefix wins, an exact pattern before any", () => {
        expect(from("src/main.ts", "@app/db/user")).to.equal(join(root, "src/database/user.ts"));
        expect(from("src/main.ts", "config")).to.equal(join(root, "src/app/config.ts"));
    });

    it("a bare import under baseUrl, and a folder's index", () => {
        expect(from("src/main.ts", "shared")).to.equal(join(root, "src/shared/index.ts"));
    });

    it("NodeNext spellings: ./x.js names x.ts, ./x.mjs names x.mts; an extensionless import in an ES module", () => {
        expect(from("src/posts/post.entity.ts", "../database/user.js")).to.equal(join(root, "src/database/user.ts"));
        expect(from("src/main.ts", "./esm/author.mjs")).to.equal(join(root, "src/esm/author.mts"));
        expect(from("src/main.ts", "./plain.js")).to.equal(join(root, "src/plain.tsx"));
        expect(from("src/main.ts", "./posts/post.entity")).to.equal(join(root, "src/posts/post.entity.ts"));
    });

    it("nothing matching is null, so Node's own error is reported", () => {
        expect(from("src/main.ts", "@/posts/missing")).to.equal(null);
        expect(from("src/main.ts", "./nowhere.js")).to.equal(null);
        expect(from("src/main.ts", "left-pad")).to.equal(null);
    });
});
