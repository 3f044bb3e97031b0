import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { blogDataSourceFile, runCli } from "../support/run-cli";

/** `verify` on a bind whose targets are schemas: its schema-free chain is checked in the scratch database's default schema. */
describe("verify: a chain written for a fleet of schemas (PostgreSQL)", () => {
    let db: PostgresTestDatabase;
    let cwd: string;
    before(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-fleet-verify-"));
    });
    after(async () => {
        await db?.drop();
        rmSync(cwd, { recursive: true, force: true });
    });

    it("passes up and down for blog v1 → v2", () => {
        const cli = (version: "v1" | "v2", ...args: string[]) => {
            writeFileSync(
                join(cwd, "typeorm-migrate.config.json"),
                JSON.stringify({ binds: { tenants: { dataSource: blogDataSourceFile(version), targets: { schemas: "tenant_*" } } } }),
            );
            return runCli([...args, "--dir", "migrations"], { cwd, env: { BLOG_URL: db.url } });
        };
        expect(cli("v1", "generate", "-m", "v1").status).to.equal(0);
        expect(cli("v2", "generate", "-m", "v2").status).to.equal(0);
        const verify = cli("v2", "verify");
        expect(verify.stderr).to.equal("");
        expect(verify.stdout).to.match(/Verified 2 revision\(s\) up and down/);
        expect(verify.status).to.equal(0);
    });
});
