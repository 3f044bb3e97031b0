import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createPostgresDatabase, type PostgresTestDatabase } from "../support/databases";
import { runCli } from "../support/run-cli";

/**
 * Declarations TypeORM writes only on the MySQL family, `unsigned` and a `fulltext` index: on
 * PostgreSQL and SQLite the database cannot hold them, so after our own upgrade `check --db` must
 * not report them as drift (issue 16).
 */
describe("check --db right after upgrade: unsigned columns and fulltext indexes outside MySQL", () => {
    let cwd: string;
    let db: PostgresTestDatabase;
    const dataSourceFile = () => join(cwd, "data-source.js");
    before(async () => {
        db = await createPostgresDatabase();
        cwd = mkdtempSync(join(tmpdir(), "tm-unkept-"));
        writeFileSync(
            dataSourceFile(),
            `const { DataSource, EntitySchema } = require(${JSON.stringify(require.resolve("typeorm"))});
const Item = new EntitySchema({
    name: "item",
    columns: {
        id: { type: Number, primary: true, generated: "increment" },
        qty: { type: "int", unsigned: true },
        body: { type: "varchar", length: 200 },
    },
    indices: [{ name: "IDX_item_body", columns: ["body"], fulltext: true }],
});
module.exports = new DataSource(
    process.env.ITEM_URL ? { type: "postgres", url: process.env.ITEM_URL, entities: [Item] } : { type: "better-sqlite3", database: process.env.ITEM_DB, entities: [Item] },
);
`,
        );
    });
    after(async () => {
        await db?.drop();
        rmSync(cwd, { recursive: true, force: true });
    });

    const cases: [string, () => Record<string, string>][] = [
        ["PostgreSQL", () => ({ ITEM_URL: db.url })],
        ["SQLite", () => ({ ITEM_DB: join(cwd, "item.sqlite") })],
    ];
    for (const [name, env] of cases) {
        it(`${name}: no drift after upgrade`, () => {
            const cli = (...args: string[]) => runCli([...args, "-d", dataSourceFile(), "--dir", join(cwd, `migrations-${name}`)], { cwd, env: env() });
            expect(cli("generate", "-m", "init").status).to.equal(0);
            const up = cli("upgrade");
            expect(up.status, up.stderr).to.equal(0);
            const check = cli("check", "--db");
            expect(check.stdout, check.stderr).to.include("No drift");
            expect(check.status).to.equal(0);
        });
    }

    it("PostgreSQL: a change by hand to the unsigned column is still reported", async () => {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
            await client.query(`ALTER TABLE "item" ALTER COLUMN "qty" TYPE bigint`);
        } finally {
            await client.end();
        }
        const check = runCli(["check", "--db", "-d", dataSourceFile(), "--dir", join(cwd, "migrations-PostgreSQL")], { cwd, env: { ITEM_URL: db.url } });
        expect(check.status).to.equal(1);
        expect(check.stdout).to.match(/alterColumn: .*item\.qty/);
        expect(check.stdout).not.to.match(/unsigned|fulltext|IDX_item_body/);
    });
});
