import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { BlogServer } from "../support/blog-servers";
import { diffCatalogs } from "../support/catalog/compare";
import { mariadb, postgres, postgresMore, sqlite, sqliteMore } from "../support/drift-sweep-adoptable";
import { distRoot, runCli } from "../support/run-cli";

// Issue 16: a database built by hand-written SQL (checks, views, defaults, foreign keys with
// actions, partial and expression indexes; enum types, collations, prefix lengths: see
// spec/support/drift-sweep-adoptable.ts) is adopted with init --from-db; a fresh database built
// from the baseline has the same catalog, and check --db is clean on both.

const dataSourceFile = join(distRoot, "fixtures", "drift-sweep", "adopt-data-source.js");

async function onDatabase<T>(options: FixtureDataSourceOptions, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = await buildBlogDataSource([], options).initialize();
    try {
        return await work(dataSource);
    } finally {
        await dataSource.destroy();
    }
}

for (const adoptable of [postgres, sqlite, postgresMore, sqliteMore, mariadb]) {
    const { server } = adoptable;
    describe(`adopting a ${server.name} database built by hand: ${adoptable.what}`, () => {
        let original: Awaited<ReturnType<BlogServer["create"]>>;
        let fresh: Awaited<ReturnType<BlogServer["create"]>>;
        let cwd: string;
        const cli = (env: Record<string, string>, ...args: string[]) => runCli([...args, "-d", dataSourceFile], { cwd, env });
        const catalogOf = (options: FixtureDataSourceOptions) => onDatabase(options, adoptable.dump);
        const probe = (options: FixtureDataSourceOptions) => onDatabase(options, (dataSource) => dataSource.query<unknown[]>(adoptable.probe.sql));

        before(async () => {
            original = await server.create();
            fresh = await server.create();
            cwd = mkdtempSync(join(tmpdir(), "tm-adopt-"));
        });
        after(async () => {
            await original?.drop();
            await fresh?.drop();
            if (cwd) rmSync(cwd, { recursive: true, force: true });
        });

        it("init --from-db writes a baseline whose database equals it, catalog for catalog; check --db is clean on both", async () => {
            await onDatabase(original.options, async (dataSource) => {
                for (const sql of [...adoptable.schema, ...adoptable.rows]) await dataSource.query(sql);
            });
            const adopt = cli(original.env, "init", "--from-db");
            expect(adopt.status, adopt.stdout + adopt.stderr).to.equal(0);
            const up = cli(fresh.env, "upgrade");
            expect(up.status, up.stdout + up.stderr).to.equal(0);
            expect(
                diffCatalogs(await catalogOf(original.options), await catalogOf(fresh.options), { a: "built by hand", b: "from the baseline" }),
            ).to.deep.equal([]);
            for (const env of [original.env, fresh.env]) {
                const check = cli(env, "check", "--db");
                expect(check.status, check.stdout + check.stderr).to.equal(0);
            }
            expect(await probe(original.options)).to.deep.equal(adoptable.probe.answer);
            await onDatabase(fresh.options, async (dataSource) => {
                for (const sql of adoptable.rows) await dataSource.query(sql);
            });
            expect(await probe(fresh.options)).to.deep.equal(adoptable.probe.answer);
        });
    });
}
