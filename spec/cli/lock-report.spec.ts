import { expect } from "chai";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distRoot, runCli } from "../support/run-cli";

const fixture = (version: "v1" | "v2") => join(distRoot, "fixtures", "data-safety", `data-source-${version}.js`);
const backfills = ["--backfill", "item.note=''", "--backfill", "item.rank=0"];

describe("CLI: generate reports each op's lock; --fail-on blocking", () => {
    let cwd: string;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCli(args, { cwd, env });
    const migrations = () => readdirSync(join(cwd, "migrations", "default")).filter((f) => f.endsWith(".ts"));

    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-lock-report-cli-"));
        env = { BLOG_DB: join(cwd, "db.sqlite") };
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("a first migration creates its tables: each op's lock is printed, nothing blocks, --fail-on blocking writes it", () => {
        const first = cli("generate", "-d", fixture("v1"), "-m", "first", "--fail-on", "blocking");
        expect(first.status, first.stderr).to.equal(0);
        expect(first.stdout).to.include("  createTable: table item is new\n      lock: database write lock\n");
        expect(first.stdout).to.not.include("BLOCK");
        expect(migrations()).to.have.length(1);
    });

    it("changes that rebuild a table with rows: the one rebuild is reported at the op that runs it, with what to do instead; --fail-on blocking exits 1, naming it, and writes nothing", () => {
        expect(cli("generate", "-d", fixture("v1"), "-m", "first").status).to.equal(0);
        const refused = cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills, "--fail-on", "blocking");
        expect(refused.status, refused.stderr).to.equal(1);
        // SQLite rebuilds item once for all six changes, under the last of them (the foreign key).
        const folded = "      lock: none here: done with the table's other changes, under the last op that changes it\n";
        expect(refused.stdout).to.include(`! alterColumn: item.sku length: 200 → 100\n${folded}`);
        expect(refused.stdout).to.include(`? createIndex: index IDX_item_code on item (code) is new or changed\n${folded}`);
        expect(refused.stdout).to.match(
            /\? addForeignKey: foreign key \w+ on item \(warehouseId\) → warehouse is new\n {6}lock: database write lock \(table rebuilt\); rewrites the table; BLOCKS WRITES\n {6}instead: no online form on SQLite: every writer waits for the copy;/,
        );
        expect(refused.stdout.match(/BLOCKS WRITES/g)).to.have.length(1);
        expect(refused.stdout).to.match(
            /Not written: --fail-on blocking and these changes block writes: addForeignKey \(foreign key \w+ on item \(warehouseId\) → warehouse is new\)\.\n/,
        );
        expect(migrations()).to.have.length(1);

        const written = cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills);
        expect(written.status, written.stderr).to.equal(0);
        expect(written.stdout).to.include(`1 change(s) BLOCK WRITES to their table while it is scanned, rewritten or indexed: see "instead" above.`);
        expect(migrations()).to.have.length(2);
    });

    it("--fail-on destructive still names its own threshold", () => {
        expect(cli("generate", "-d", fixture("v1"), "-m", "first").status).to.equal(0);
        const refused = cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills, "--fail-on", "destructive");
        expect(refused.status).to.equal(1);
        expect(refused.stdout).to.include("Not written: --fail-on destructive and the changes above include such ops.");
    });
});
