import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { buildBlogDataSource, type FixtureDataSourceOptions } from "../../fixtures/blog/build-data-source";
import { postgresBlogServer, sqliteBlogServer, type BlogServer } from "../support/blog-servers";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpPostgresCatalog } from "../support/catalog/postgres";
import { dumpSqliteCatalog } from "../support/catalog/sqlite";
import { distRoot, runCli } from "../support/run-cli";

// Issue 16: a database built by hand-written SQL (checks, a view, defaults, foreign keys with
// actions, a partial index; an enum type on PostgreSQL) is adopted with init --from-db; a fresh
// database built from the baseline has the same catalog, and check --db is clean on both.
// MariaDB: spec/e2e/drift-fidelity.spec.ts.

const dataSourceFile = join(distRoot, "fixtures", "drift-sweep", "adopt-data-source.js");

interface Adoptable {
    readonly server: BlogServer;
    readonly schema: readonly string[];
    readonly rows: readonly string[];
    readonly dump: (dataSource: DataSource) => Promise<Catalog>;
}

const rows = [
    `INSERT INTO "owner" ("name", "email") VALUES ('Ada', 'ada@example.com')`,
    `INSERT INTO "pet" ("ownerId", "name", "weight") VALUES (1, 'Rex', 12.5)`,
];

const postgres: Adoptable = {
    server: postgresBlogServer,
    schema: [
        `CREATE TYPE "mood" AS ENUM ('calm', 'busy', 'it''s late')`,
        `CREATE TABLE "owner" (
            "id" SERIAL NOT NULL,
            "name" character varying(80) NOT NULL,
            "email" character varying(120) NOT NULL,
            "mood" "mood" NOT NULL DEFAULT 'calm',
            "joined" TIMESTAMP NOT NULL DEFAULT now(),
            CONSTRAINT "PK_owner" PRIMARY KEY ("id"),
            CONSTRAINT "UQ_owner_email" UNIQUE ("email"),
            CONSTRAINT "CHK_owner_name" CHECK (length("name") > 0))`,
        `CREATE TABLE "pet" (
            "id" SERIAL NOT NULL,
            "ownerId" integer,
            "name" text NOT NULL DEFAULT 'nameless',
            "weight" numeric(6,2) DEFAULT 0,
            "alive" boolean NOT NULL DEFAULT true,
            CONSTRAINT "PK_pet" PRIMARY KEY ("id"),
            CONSTRAINT "CHK_pet_weight" CHECK ("weight" >= 0),
            CONSTRAINT "FK_pet_owner" FOREIGN KEY ("ownerId") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE CASCADE)`,
        `CREATE INDEX "IDX_pet_alive_name" ON "pet" ("name") WHERE "alive"`,
        `CREATE UNIQUE INDEX "IDX_pet_owner_name" ON "pet" ("ownerId", "name")`,
        `CREATE VIEW "pet_owners" AS SELECT p."name" AS "pet", o."name" AS "owner" FROM "pet" p JOIN "owner" o ON o."id" = p."ownerId"`,
    ],
    rows,
    dump: (dataSource) => dumpPostgresCatalog((sql: string, params?: unknown[]) => dataSource.query(sql, params)),
};

const sqlite: Adoptable = {
    server: sqliteBlogServer,
    schema: [
        `CREATE TABLE "owner" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "name" varchar(80) NOT NULL,
            "email" varchar(120) NOT NULL,
            "mood" varchar CHECK ("mood" IN ('calm', 'busy')) NOT NULL DEFAULT ('calm'),
            "joined" datetime NOT NULL DEFAULT (datetime('now')),
            CONSTRAINT "UQ_owner_email" UNIQUE ("email"),
            CONSTRAINT "CHK_owner_name" CHECK (length("name") > 0))`,
        `CREATE TABLE "pet" (
            "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
            "ownerId" integer,
            "name" text NOT NULL DEFAULT ('nameless'),
            "weight" decimal(6,2) DEFAULT (0),
            "alive" boolean NOT NULL DEFAULT (1),
            CONSTRAINT "CHK_pet_weight" CHECK ("weight" >= 0),
            CONSTRAINT "FK_pet_owner" FOREIGN KEY ("ownerId") REFERENCES "owner" ("id") ON DELETE SET NULL ON UPDATE CASCADE)`,
        `CREATE INDEX "IDX_pet_alive_name" ON "pet" ("name") WHERE "alive" = 1`,
        `CREATE UNIQUE INDEX "IDX_pet_owner_name" ON "pet" ("ownerId", "name")`,
        `CREATE VIEW "pet_owners" AS SELECT p."name" AS "pet", o."name" AS "owner" FROM "pet" p JOIN "owner" o ON o."id" = p."ownerId"`,
    ],
    rows,
    dump: (dataSource) => dumpSqliteCatalog((sql: string) => dataSource.query(sql)),
};

async function onDatabase<T>(options: FixtureDataSourceOptions, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = await buildBlogDataSource([], options).initialize();
    try {
        return await work(dataSource);
    } finally {
        await dataSource.destroy();
    }
}

for (const adoptable of [postgres, sqlite]) {
    const { server } = adoptable;
    describe(`adopting a ${server.name} database built by hand`, () => {
        let original: Awaited<ReturnType<BlogServer["create"]>>;
        let fresh: Awaited<ReturnType<BlogServer["create"]>>;
        let cwd: string;
        const cli = (env: Record<string, string>, ...args: string[]) => runCli([...args, "-d", dataSourceFile], { cwd, env });
        const catalogOf = (options: FixtureDataSourceOptions) => onDatabase(options, adoptable.dump);
        const petsOf = (options: FixtureDataSourceOptions) =>
            onDatabase(options, (dataSource) => dataSource.query<unknown[]>(`SELECT "pet", "owner" FROM "pet_owners"`));

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
            expect(await petsOf(original.options)).to.deep.equal([{ pet: "Rex", owner: "Ada" }]);
            await onDatabase(fresh.options, async (dataSource) => {
                for (const sql of adoptable.rows) await dataSource.query(sql);
            });
            expect(await petsOf(fresh.options)).to.deep.equal([{ pet: "Rex", owner: "Ada" }]);
        });
    });
}
