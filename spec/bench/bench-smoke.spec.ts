import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stages } from "../../bench/cases/generate-stages";
import { writeFixture, type Fixture } from "../../bench/fixture/write-fixture";
import { distRoot, runCli } from "../support/run-cli";

/** The bench's synthetic schema, small, through the same commands the bench times (untimed here). */
describe("bench: the synthetic schema generator, end to end at 20 tables", () => {
    let dir: string;
    let fixture: Fixture;
    const migrations = () => join(dir, "migrations");
    const cli = (...args: string[]) => runCli([...args, "--dir", migrations()], { cwd: dir });

    before(() => {
        dir = mkdtempSync(join(tmpdir(), "tm-bench-smoke-"));
        fixture = writeFixture(join(dir, "fixture"), 20);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("generate writes the initial revision, and check then finds no changes", () => {
        const generate = cli("generate", "-d", fixture.dataSource("postgres"), "-m", "initial");
        expect(generate.status, generate.stderr).to.equal(0);
        const check = cli("check", "-d", fixture.dataSource("postgres"));
        expect(check.stdout + check.stderr).to.include("No changes in schema detected.");
        expect(check.status).to.equal(0);
    });

    it("the changed entity set differs by exactly one column, which generate turns into one alterColumn", () => {
        const check = cli("check", "-d", fixture.dataSource("postgres", true));
        expect(check.status, check.stdout).to.equal(1);
        const generate = cli("generate", "-d", fixture.dataSource("postgres", true), "-m", "x", "--dry-run");
        expect(generate.status, generate.stderr).to.equal(0);
        expect(generate.stdout).to.match(/ALTER TABLE (?:"public"\.)?"bench_00000" ALTER COLUMN "name" TYPE character varying\(160\)/);
    });

    it("generate-stages runs each stage of generate; its last prints the statements generate --dry-run prints", () => {
        const script = join(distRoot, "bench", "cases", "generate-stages.js");
        const stage = (name: string) =>
            spawnSync(process.execPath, [script, name, fixture.dataSource("postgres", true), join(migrations(), "default")], { cwd: dir, encoding: "utf8" });
        for (const name of stages.slice(0, -1)) {
            const run = stage(name);
            expect(run.status, `${name}: ${run.stderr}`).to.equal(0);
            expect(run.stdout, name).to.equal("");
        }
        const plan = stage("plan");
        expect(plan.status, plan.stderr).to.equal(0);
        const generate = cli("generate", "-d", fixture.dataSource("postgres", true), "-m", "x", "--dry-run");
        const statements = (text: string) => text.split("\n").filter((line) => line.includes("queryRunner.query("));
        expect(statements(plan.stdout)).to.have.length.greaterThan(0);
        expect(statements(plan.stdout)).to.deep.equal(statements(generate.stdout));
        const unknown = stage("everything");
        expect(unknown.status).to.equal(1);
        expect(unknown.stderr).to.include("usage: generate-stages.js <load|metadata|read|state|plan>");
    });

    it("the MariaDB data source reads offline too", () => {
        const generate = runCli(["generate", "-d", fixture.dataSource("mariadb"), "-m", "initial", "--dry-run", "--dir", join(dir, "mariadb")], { cwd: dir });
        expect(generate.status, generate.stderr).to.equal(0);
        expect(generate.stdout).to.include("CREATE TABLE `bench_00019`");
    });

    it("the upgrade case's migration writer writes one compiled migration per table", () => {
        const out = join(dir, "small-migrations");
        const script = join(distRoot, "bench", "cases", "write-migrations.js");
        const run = spawnSync(process.execPath, [script, fixture.dataSource("postgres"), out, "5"], { encoding: "utf8" });
        expect(run.status, run.stderr).to.equal(0);
        expect(readdirSync(out).filter((f) => f.endsWith(".js"))).to.have.length(5);
    });
});
