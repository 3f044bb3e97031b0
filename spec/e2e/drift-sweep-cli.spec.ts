import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { mariadbBlogServer, postgresBlogServer, sqliteBlogServer, type BlogServer } from "../support/blog-servers";
import { distRoot, runCli } from "../support/run-cli";

// The drift sweep runs through the library; these run the command itself once per dialect: quiet
// right after our own upgrade (exit 0), one hand-made change listed once as its op (exit 1).

const dataSourceFile = join(distRoot, "fixtures", "drift-sweep", "data-source.js");

interface HandMade {
    readonly sql: string;
    readonly line: string;
}

const changes: Readonly<Record<string, HandMade>> = {
    PostgreSQL: { sql: `ALTER TYPE "crate_size" ADD VALUE 'huge'`, line: "alterEnum: values: small, large → small, large, huge" },
    MariaDB: {
        sql: "ALTER TABLE `crate` MODIFY `size` enum('small','large','huge') NOT NULL DEFAULT 'small'",
        line: `alterColumn: crate.size enum: ["small","large"] → ["small","large","huge"]`,
    },
    SQLite: { sql: `CREATE INDEX "IDX_crate_label" ON "crate" ("label")`, line: "createIndex: index IDX_crate_label on crate (label) is new or changed" },
};

for (const server of [postgresBlogServer, mariadbBlogServer, sqliteBlogServer] satisfies BlogServer[]) {
    describe(`check --db on ${server.name}, the command`, () => {
        let db: Awaited<ReturnType<BlogServer["create"]>>;
        let cwd: string;
        const cli = (...args: string[]) => runCli([...args, "-d", dataSourceFile], { cwd, env: db.env });
        const query = async (sql: string) => {
            const dataSource = await buildBlogDataSource([], db.options).initialize();
            try {
                return (await dataSource.query(sql)) as unknown;
            } finally {
                await dataSource.destroy();
            }
        };

        before(async () => {
            db = await server.create();
            cwd = mkdtempSync(join(tmpdir(), "tm-sweep-cli-"));
        });
        after(async () => {
            await db?.drop();
            if (cwd) rmSync(cwd, { recursive: true, force: true });
        });

        it("is quiet after our own upgrade and lists one hand-made change once, in the differ's words", async () => {
            expect(cli("generate", "-m", "crates").status).to.equal(0);
            const up = cli("upgrade");
            expect(up.status, up.stdout + up.stderr).to.equal(0);
            await query(`INSERT INTO ${server.quote("crate")} (${server.quote("label")}) VALUES ('kept')`);
            const quiet = cli("check", "--db");
            expect(quiet.status, quiet.stdout + quiet.stderr).to.equal(0);
            expect(quiet.stdout).to.match(/No drift: the database matches the snapshot of [0-9a-f]{12}\./);

            await query(changes[server.name].sql);
            const check = cli("check", "--db");
            expect(check.status, check.stdout + check.stderr).to.equal(1);
            expect(check.stdout).to.match(/differs from the snapshot of [0-9a-f]{12} in 1 place\(s\)/);
            expect(check.stdout.split("\n").map((line) => line.trim())).to.include(changes[server.name].line);
            expect(await query(`SELECT ${server.quote("label")}, ${server.quote("size")} FROM ${server.quote("crate")}`)).to.deep.equal([
                { label: "kept", size: "small" },
            ]);
        });
    });
}
