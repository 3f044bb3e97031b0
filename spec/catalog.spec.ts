import Database from "better-sqlite3";
import { expect } from "chai";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import * as blogV1 from "../fixtures/blog/v1";
import * as blogV2 from "../fixtures/blog/v2";
import type { BlogDataSourceOptions } from "../fixtures/blog/v1";
import type { Catalog } from "./support/catalog/catalog";
import { diffCatalogs } from "./support/catalog/compare";
import { dumpPostgresCatalog } from "./support/catalog/postgres";
import { dumpSqliteCatalog } from "./support/catalog/sqlite";
import { createPostgresDatabase, createSqliteFile, type PostgresTestDatabase } from "./support/databases";

type BlogVersion = { blogDataSource(options: BlogDataSourceOptions): DataSource };

/** A hand ALTER on the `person` table, and the start of the difference line it must produce. */
interface Alteration {
    readonly change: string;
    /** Run inside a transaction that is rolled back afterwards. */
    readonly postgres: { readonly sql: string; readonly reports: string };
    /** Either statements, or a rewrite of the table definition applied by rebuilding the table. */
    readonly sqlite: ({ readonly sql: string } | { readonly rewrite: { readonly from: string; readonly to: string } }) & { readonly reports: string };
}

const ALTERATIONS: readonly Alteration[] = [
    {
        change: "changing a column type",
        postgres: {
            sql: `ALTER TABLE "person" ALTER COLUMN "name" TYPE character varying(120)`,
            reports: `columns public.person.name: type "character varying(100)" (a) ≠ "character varying(120)" (b)`,
        },
        sqlite: {
            rewrite: { from: `"name" varchar(100)`, to: `"name" varchar(120)` },
            reports: `columns person.name: type "varchar(100)" (a) ≠ "varchar(120)" (b)`,
        },
    },
    {
        change: "changing a default",
        postgres: {
            sql: `ALTER TABLE "person" ALTER COLUMN "age" SET DEFAULT 18`,
            reports: `columns public.person.age: default "0" (a) ≠ "18" (b)`,
        },
        sqlite: {
            rewrite: { from: `DEFAULT (0)`, to: `DEFAULT (18)` },
            reports: `columns person.age: default "0" (a) ≠ "18" (b)`,
        },
    },
    {
        change: "changing a collation",
        postgres: {
            sql: `ALTER TABLE "person" ALTER COLUMN "name" TYPE character varying(100) COLLATE "C"`,
            reports: `columns public.person.name: collation "default" (a) ≠ "C" (b)`,
        },
        sqlite: {
            rewrite: { from: `"name" varchar(100) NOT NULL`, to: `"name" varchar(100) COLLATE NOCASE NOT NULL` },
            reports: `columns person.name: collation null (a) ≠ "NOCASE" (b)`,
        },
    },
    {
        change: "renaming a constraint",
        postgres: {
            sql: `ALTER TABLE "person" RENAME CONSTRAINT "CHK_person_age" TO "CHK_person_age_min"`,
            reports: `constraints public.person.CHK_person_age_min: only in b`,
        },
        sqlite: {
            rewrite: { from: `CONSTRAINT "CHK_person_age"`, to: `CONSTRAINT "CHK_person_age_min"` },
            reports: `constraints person.CHK_person_age_min: only in b`,
        },
    },
    {
        change: "reordering enum values",
        postgres: {
            sql: `
                ALTER TYPE "mood" RENAME TO "mood_old";
                CREATE TYPE "mood" AS ENUM ('happy', 'ok', 'sad');
                ALTER TABLE "person" ALTER COLUMN "mood" DROP DEFAULT;
                ALTER TABLE "person" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";
                ALTER TABLE "person" ALTER COLUMN "mood" SET DEFAULT 'ok';
                DROP TYPE "mood_old";`,
            reports: `enums public.mood: labels ["sad","ok","happy"] (a) ≠ ["happy","ok","sad"] (b)`,
        },
        sqlite: {
            rewrite: { from: `IN ('sad','ok','happy')`, to: `IN ('happy','ok','sad')` },
            reports: `checks person.mood."mood" IN ('happy', 'ok', 'sad'): only in b`,
        },
    },
    {
        change: "dropping NOT NULL",
        postgres: {
            sql: `ALTER TABLE "person" ALTER COLUMN "name" DROP NOT NULL`,
            reports: `columns public.person.name: notNull true (a) ≠ false (b)`,
        },
        sqlite: {
            rewrite: { from: `"name" varchar(100) NOT NULL`, to: `"name" varchar(100)` },
            reports: `columns person.name: notNull true (a) ≠ false (b)`,
        },
    },
    {
        change: "changing a partial index predicate",
        postgres: {
            sql: `DROP INDEX "IDX_person_name"; CREATE INDEX "IDX_person_name" ON "person" ("name") WHERE "age" > 20`,
            reports: `indexes public.person.IDX_person_name: definition`,
        },
        sqlite: {
            sql: `DROP INDEX "IDX_person_name"; CREATE INDEX "IDX_person_name" ON "person" ("name") WHERE "age" > 20`,
            reports: `indexes person.IDX_person_name: sql`,
        },
    },
    {
        change: "adding a column",
        postgres: {
            sql: `ALTER TABLE "person" ADD "nickname" character varying`,
            reports: `columns public.person.nickname: only in b`,
        },
        sqlite: { sql: `ALTER TABLE "person" ADD "nickname" varchar`, reports: `columns person.nickname: only in b` },
    },
];

const POSTGRES_SCHEMA = `
    CREATE TYPE "mood" AS ENUM ('sad', 'ok', 'happy');
    CREATE TABLE "person" (
        "id" SERIAL NOT NULL,
        "name" character varying(100) NOT NULL,
        "age" integer NOT NULL DEFAULT 0,
        "mood" "mood" NOT NULL DEFAULT 'ok',
        CONSTRAINT "CHK_person_age" CHECK ("age" >= 0),
        CONSTRAINT "PK_person" PRIMARY KEY ("id")
    );
    CREATE INDEX "IDX_person_name" ON "person" ("name") WHERE "age" > 17;`;

const SQLITE_PERSON_TABLE = `
    CREATE TABLE "person" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "name" varchar(100) NOT NULL,
        "age" integer NOT NULL DEFAULT (0),
        "mood" varchar CHECK( "mood" IN ('sad','ok','happy') ) NOT NULL DEFAULT ('ok'),
        CONSTRAINT "CHK_person_age" CHECK ("age" >= 0)
    )`;
const SQLITE_PERSON_INDEX = `CREATE INDEX "IDX_person_name" ON "person" ("name") WHERE "age" > 17`;

describe("catalog dumps", function () {
    this.timeout(60_000);

    describe("PostgreSQL", () => {
        const databases: PostgresTestDatabase[] = [];
        const clients: Client[] = [];
        after(async () => {
            await Promise.allSettled(clients.map((client) => client.end()));
            await Promise.allSettled(databases.map((database) => database.drop()));
        });

        async function newDatabase(): Promise<PostgresTestDatabase> {
            const database = await createPostgresDatabase();
            databases.push(database);
            return database;
        }

        async function connect(database: PostgresTestDatabase): Promise<Client> {
            const client = new Client({ connectionString: database.url });
            clients.push(client);
            await client.connect();
            return client;
        }

        async function freshDatabase(): Promise<Client> {
            return connect(await newDatabase());
        }

        async function synchronizedBlog(version: BlogVersion): Promise<Client> {
            const database = await newDatabase();
            const dataSource = version.blogDataSource(database.options);
            await dataSource.initialize();
            try {
                await dataSource.synchronize();
            } finally {
                await dataSource.destroy();
            }
            return connect(database);
        }

        describe("a hand-built schema", () => {
            let client: Client;
            let baseline: Catalog;
            before(async () => {
                client = await freshDatabase();
                await client.query(POSTGRES_SCHEMA);
                baseline = await dumpPostgresCatalog(client);
            });

            it("equals an untouched copy built by the same statements", async () => {
                const copy = await freshDatabase();
                await copy.query(POSTGRES_SCHEMA);
                expect(diffCatalogs(baseline, await dumpPostgresCatalog(copy))).to.deep.equal([]);
            });

            for (const alteration of ALTERATIONS) {
                it(`differs after ${alteration.change}`, async () => {
                    await client.query("BEGIN");
                    try {
                        await client.query(alteration.postgres.sql);
                        const differences = diffCatalogs(baseline, await dumpPostgresCatalog(client));
                        expect(differences.join("\n")).to.contain(alteration.postgres.reports);
                    } finally {
                        await client.query("ROLLBACK");
                    }
                });
            }

            it("leaves out the migrations table and the sequence and constraints it owns", async () => {
                await client.query("BEGIN");
                try {
                    await client.query(
                        `CREATE TABLE "migrations" ("id" SERIAL NOT NULL, "timestamp" bigint NOT NULL,
                         "name" character varying NOT NULL, CONSTRAINT "PK_migrations" PRIMARY KEY ("id"))`,
                    );
                    expect(diffCatalogs(baseline, await dumpPostgresCatalog(client))).to.deep.equal([]);
                } finally {
                    await client.query("ROLLBACK");
                }
            });
        });

        describe("the blog fixture synchronize()d", () => {
            let v1: Client;
            before(async () => {
                v1 = await synchronizedBlog(blogV1);
            });

            it("dumps the same catalog twice", async () => {
                expect(diffCatalogs(await dumpPostgresCatalog(v1), await dumpPostgresCatalog(v1))).to.deep.equal([]);
            });

            it("dumps the same catalog as another database synchronized from the same entities", async () => {
                const again = await synchronizedBlog(blogV1);
                expect(diffCatalogs(await dumpPostgresCatalog(v1), await dumpPostgresCatalog(again))).to.deep.equal([]);
            });

            it("differs from v2", async () => {
                const v2 = await synchronizedBlog(blogV2);
                const differences = diffCatalogs(await dumpPostgresCatalog(v1), await dumpPostgresCatalog(v2));
                expect(differences.join("\n"))
                    .to.contain("tables public.post_like: only in b")
                    .and.to.contain("columns public.post.title: type")
                    .and.to.contain("enums public.user_role: labels");
            });
        });
    });

    describe("SQLite", () => {
        const files: { cleanup(): void }[] = [];
        const connections: Database.Database[] = [];
        after(() => {
            for (const connection of connections) connection.close();
            for (const file of files) file.cleanup();
        });

        function freshDatabase(): Database.Database {
            const file = createSqliteFile();
            files.push(file);
            const connection = new Database(file.path);
            connections.push(connection);
            return connection;
        }

        async function synchronizedBlog(version: BlogVersion): Promise<Database.Database> {
            const file = createSqliteFile();
            files.push(file);
            const dataSource = version.blogDataSource({ type: "better-sqlite3", database: file.path });
            await dataSource.initialize();
            try {
                await dataSource.synchronize();
            } finally {
                await dataSource.destroy();
            }
            const connection = new Database(file.path, { readonly: true });
            connections.push(connection);
            return connection;
        }

        function personDatabase(): Database.Database {
            const connection = freshDatabase();
            connection.exec(`${SQLITE_PERSON_TABLE}; ${SQLITE_PERSON_INDEX}`);
            return connection;
        }

        // SQLite alters most things only by rebuilding the table: create new, copy, drop, rename.
        function rebuildPersonTable(connection: Database.Database, definition: string): void {
            connection.exec(`
                ${definition.replace(`CREATE TABLE "person"`, `CREATE TABLE "person_new"`)};
                INSERT INTO "person_new" SELECT * FROM "person";
                DROP TABLE "person";
                ALTER TABLE "person_new" RENAME TO "person";
                ${SQLITE_PERSON_INDEX};`);
        }

        describe("a hand-built schema", () => {
            let connection: Database.Database;
            let baseline: Catalog;
            before(async () => {
                connection = personDatabase();
                baseline = await dumpSqliteCatalog(connection);
            });

            it("equals an untouched copy built by the same statements", async () => {
                expect(diffCatalogs(baseline, await dumpSqliteCatalog(personDatabase()))).to.deep.equal([]);
            });

            it("equals itself after a rebuild that changes nothing", async () => {
                connection.exec("BEGIN");
                try {
                    rebuildPersonTable(connection, SQLITE_PERSON_TABLE);
                    expect(diffCatalogs(baseline, await dumpSqliteCatalog(connection))).to.deep.equal([]);
                } finally {
                    connection.exec("ROLLBACK");
                }
            });

            for (const alteration of ALTERATIONS) {
                it(`differs after ${alteration.change}`, async () => {
                    const { sqlite } = alteration;
                    connection.exec("BEGIN");
                    try {
                        if ("sql" in sqlite) {
                            connection.exec(sqlite.sql);
                        } else {
                            const { from, to } = sqlite.rewrite;
                            expect(SQLITE_PERSON_TABLE).to.contain(from);
                            rebuildPersonTable(connection, SQLITE_PERSON_TABLE.replace(from, to));
                        }
                        const differences = diffCatalogs(baseline, await dumpSqliteCatalog(connection));
                        expect(differences.join("\n")).to.contain(sqlite.reports);
                    } finally {
                        connection.exec("ROLLBACK");
                    }
                });
            }

            it("leaves out the migrations table and sqlite_sequence", async () => {
                connection.exec("BEGIN");
                try {
                    connection.exec(
                        `CREATE TABLE "migrations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                         "timestamp" bigint NOT NULL, "name" varchar NOT NULL);
                         INSERT INTO "migrations" ("timestamp", "name") VALUES (1, 'Init1');`,
                    );
                    expect(diffCatalogs(baseline, await dumpSqliteCatalog(connection))).to.deep.equal([]);
                } finally {
                    connection.exec("ROLLBACK");
                }
            });
        });

        describe("the blog fixture synchronize()d", () => {
            let v1: Database.Database;
            before(async () => {
                v1 = await synchronizedBlog(blogV1);
            });

            it("dumps the same catalog twice", async () => {
                expect(diffCatalogs(await dumpSqliteCatalog(v1), await dumpSqliteCatalog(v1))).to.deep.equal([]);
            });

            it("dumps the same catalog as another database synchronized from the same entities", async () => {
                const again = await synchronizedBlog(blogV1);
                expect(diffCatalogs(await dumpSqliteCatalog(v1), await dumpSqliteCatalog(again))).to.deep.equal([]);
            });

            it("differs from v2", async () => {
                const v2 = await synchronizedBlog(blogV2);
                const differences = diffCatalogs(await dumpSqliteCatalog(v1), await dumpSqliteCatalog(v2));
                expect(differences.join("\n"))
                    .to.contain("tables post_like: only in b")
                    .and.to.contain("columns post.title: type")
                    .and.to.contain(`checks user.role."role" IN ('reader', 'author', 'admin', 'moderator'): only in b`);
            });
        });
    });
});
