import { expect } from "chai";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blogDataSourceFile, runCli } from "../support/run-cli";

/** A bind whose targets are PostgreSQL schemas: its chain names no schema, and one that does is refused. Offline. */
describe("CLI: a chain for a fleet of schemas", () => {
    let cwd: string;
    const env = { BLOG_URL: "postgres://postgres@127.0.0.1:1/tm_never_connected" };
    const config = (targets: boolean) =>
        writeFileSync(
            join(cwd, "typeorm-migrate.config.json"),
            JSON.stringify({ binds: { tenants: { dataSource: blogDataSourceFile("v1"), ...(targets ? { targets: { schemas: "tenant_*" } } : {}) } } }),
        );
    const cli = (...args: string[]) => runCli([...args, "--dir", "migrations"], { cwd, env });
    const migrationSql = () => {
        const dir = join(cwd, "migrations", "tenants");
        return readdirSync(dir)
            .filter((f) => f.endsWith(".ts"))
            .map((f) => readFileSync(join(dir, f), "utf8"))
            .join("\n");
    };
    beforeEach(() => {
        cwd = mkdtempSync(join(tmpdir(), "tm-fleet-chain-"));
    });
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    it("writes the migrations without a schema name, and check finds nothing more to do", () => {
        config(true);
        expect(cli("generate", "-m", "init").status).to.equal(0);
        const sql = migrationSql();
        expect(sql).to.include('CREATE TABLE "user" (');
        expect(sql).to.include(`CREATE TYPE "user_role" AS ENUM`);
        expect(sql).not.to.include('"public"');
        const check = cli("check");
        expect(check.stdout).to.include("No changes in schema detected.");
    });

    it("refuses, exit 2, a chain written before the bind had schema targets, naming the revision", () => {
        config(false);
        expect(cli("generate", "-m", "init").status).to.equal(0);
        expect(migrationSql()).to.include('"public"."user"');
        config(true);
        for (const command of [["check"], ["generate", "-m", "next"], ["upgrade"]]) {
            const run = cli(...command);
            expect(run.status, command.join(" ")).to.equal(2);
            expect(run.stderr).to.match(/bind "tenants" runs in each tenant's schema, but revision \w+ \(Init\d+\) was written for schema "public"/);
            expect(run.stderr.trim().split("\n")).to.have.length(1);
        }
        expect(readdirSync(join(cwd, "migrations", "tenants")).filter((f) => f.endsWith(".ts"))).to.have.length(1);
    });
});
