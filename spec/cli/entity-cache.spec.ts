import { expect } from "chai";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFixture, type Fixture } from "../../bench/fixture/write-fixture";
import { pieceReading } from "../../lib/entities/piece-reading";
import { runCli } from "../support/run-cli";

// From pieceReading.minEntities entities on, `generate` and `check` keep what each unit of entities
// read in node_modules/.cache/typeorm-migrate and build only the units that changed: what they
// print must be what a run without any cache prints.
describe("the CLI with what earlier runs read of a large entity set", () => {
    let dir: string;
    let fixture: Fixture;
    const cacheDir = () => join(dir, "node_modules", ".cache", "typeorm-migrate");
    const unitFiles = () => readdirSync(cacheDir()).filter((name) => /^entities-[0-9a-f]{16}\.jsonl$/.test(name));
    const cli = (args: string[], env: Record<string, string> = {}) => runCli([...args, "--dir", join(dir, "migrations")], { cwd: dir, env });
    const statements = (text: string) => text.split("\n").filter((line) => line.includes("queryRunner.query("));

    before(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-entity-cache-"));
        mkdirSync(join(dir, "node_modules"));
        fixture = writeFixture(join(dir, "fixture"), pieceReading.minEntities);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("generate keeps each unit's read; a changed entity's generate prints what a run without cache prints", () => {
        const initial = cli(["generate", "-d", fixture.dataSource("postgres"), "-m", "initial"]);
        expect(initial.status, initial.stderr).to.equal(0);
        expect(unitFiles()).to.have.length(1);
        const lines = readFileSync(join(cacheDir(), unitFiles()[0]), "utf8").split("\n").filter(Boolean);
        expect(lines).to.have.length(pieceReading.minEntities);
        const cached = cli(["generate", "-d", fixture.dataSource("postgres", true), "-m", "x", "--dry-run"]);
        const uncached = cli(["generate", "-d", fixture.dataSource("postgres", true), "-m", "x", "--dry-run"], { TYPEORM_MIGRATE_CACHE: "off" });
        expect(cached.status, cached.stderr).to.equal(0);
        expect(uncached.status, uncached.stderr).to.equal(0);
        expect(statements(cached.stdout)).to.have.length.greaterThan(0);
        expect(statements(cached.stdout)).to.deep.equal(statements(uncached.stdout));
        // The changed entity's unit and the unit pointing at it were built, and kept.
        expect(readFileSync(join(cacheDir(), unitFiles()[0]), "utf8").split("\n").filter(Boolean)).to.have.length(pieceReading.minEntities + 2);
    });

    it("check finds no changes with the kept reads, and after they were damaged", () => {
        const check = cli(["check", "-d", fixture.dataSource("postgres")]);
        expect(check.stdout + check.stderr).to.include("No changes in schema detected.");
        expect(check.status).to.equal(0);
        const file = join(cacheDir(), unitFiles()[0]);
        const text = readFileSync(file, "utf8");
        // Lines cut short and garbled in the middle, the file's end cut off.
        writeFileSync(file, text.slice(0, text.length / 3) + "\n" + "0".repeat(40) + " {\n" + text.slice(text.length / 2, -5000));
        const again = cli(["check", "-d", fixture.dataSource("postgres")]);
        expect(again.stdout + again.stderr).to.include("No changes in schema detected.");
        expect(again.status).to.equal(0);
        const changed = cli(["check", "-d", fixture.dataSource("postgres", true)]);
        expect(changed.status, changed.stdout).to.equal(1);
    });
});
