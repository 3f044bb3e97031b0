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

    it("changes that rebuild a table with rows: each op says so and what to do instead; --fail-on blocking exits 1, naming them, and writes nothing", () => {
        expect(cli("generate", "-d", fixture("v1"), "-m", "first").status).to.equal(0);
        const refused = cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills, "--fail-on", "blocking");
        expect(refused.status, refused.stderr).to.equal(1);
        expect(refused.stdout).to.include(
            "! alterColumn: item.sku length: 200 → 100\n" +
                "      lock: database write lock (table rebuilt); rewrites the table; BLOCKS WRITES\n" +
                "      instead: no online form on SQLite: every writer waits for the copy; run it when writes can wait, or do it in steps (expand, backfill, contract) that each add a column in place\n",
        );
        expect(refused.stdout).to.include(
            "? createIndex: index IDX_item_code on item (code) is new or changed\n      lock: database write lock (index built); scans the table; BLOCKS WRITES\n",
        );
        expect(refused.stdout).to.include(
            "Not written: --fail-on blocking and these changes block writes: addColumn (column item.rank is new), alterColumn (item.sku length: 200 → 100),",
        );
        expect(migrations()).to.have.length(1);

        const written = cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills);
        expect(written.status, written.stderr).to.equal(0);
        expect(written.stdout).to.include(`6 change(s) BLOCK WRITES to their table while it is scanned, rewritten or indexed: see "instead" above.`);
        expect(migrations()).to.have.length(2);
    });

    it("--fail-on destructive still names its own threshold", () => {
        expect(cli("generate", "-d", fixture("v1"), "-m", "first").status).to.equal(0);
        const refused = cli("generate", "-d", fixture("v2"), "-m", "second", ...backfills, "--fail-on", "destructive");
        expect(refused.status).to.equal(1);
        expect(refused.stdout).to.include("Not written: --fail-on destructive and the changes above include such ops.");
    });
});
