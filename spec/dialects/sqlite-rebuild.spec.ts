import Database from "better-sqlite3";
import { expect } from "chai";
import { DataSource, type MigrationInterface, type QueryRunner } from "typeorm";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import type { Schema } from "../../lib/schema/model";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpSqliteCatalog } from "../support/catalog/sqlite";
import { createSqliteFile, type SqliteTestFile } from "../support/databases";
import {
    changeSchema,
    column,
    foreignKey,
    idColumn,
    index,
    migrateDown,
    migrateUp,
    patchColumn,
    primaryKey,
    rowsOf,
    runMigrationSql,
    runStatement,
    sqliteSchema,
    sqliteSql,
    tableEntry,
    type Migration,
} from "../support/sqlite-scratch";

const AUTHOR_VIEW = `SELECT "id", "name" FROM "author"`;

/** author ← book ← review (ON DELETE CASCADE), a self-referencing category tree, a view, a composite-key table. */
const library: Schema = sqliteSchema({
    tables: ["author", "book", "review", "category", "membership"].map((name) => tableEntry(name)),
    columns: [
        idColumn("author"),
        column("author", "name", "varchar", { length: "200", nullable: false }),
        column("author", "email", "varchar"),
        column("author", "status", "varchar", { nullable: false, enum: ["active", "banned"], default: "'active'" }),
        column("author", "balance", "decimal", { precision: 10, scale: 2, nullable: false, default: "0" }),
        column("author", "createdAt", "datetime", { nullable: false, default: "datetime('now')" }),
        idColumn("book"),
        column("book", "authorId", "integer", { nullable: false }),
        column("book", "title", "varchar", { length: "200" }),
        idColumn("review"),
        column("review", "bookId", "integer", { nullable: false }),
        column("review", "stars", "integer", { nullable: false }),
        idColumn("category"),
        column("category", "parentId", "integer"),
        column("category", "name", "varchar"),
        column("membership", "userId", "integer", { nullable: false, primary: true }),
        column("membership", "groupId", "integer", { nullable: false }),
        column("membership", "role", "varchar"),
    ],
    primaryKeys: [
        primaryKey("author", ["id"]),
        primaryKey("book", ["id"]),
        primaryKey("review", ["id"]),
        primaryKey("category", ["id"]),
        primaryKey("membership", ["userId"]),
    ],
    uniques: [{ schema: "", table: "author", name: "UQ_author_email", columns: ["email"], deferrable: null }],
    checks: [{ schema: "", table: "author", name: "CHK_author_name", expression: `length("name") > 0` }],
    foreignKeys: [
        foreignKey("book", "FK_book_author", ["authorId"], "author", { onDelete: "CASCADE" }),
        foreignKey("review", "FK_review_book", ["bookId"], "book", { onDelete: "CASCADE" }),
        foreignKey("category", "FK_category_parent", ["parentId"], "category", { onDelete: "CASCADE" }),
    ],
    indexes: [index("book", "IDX_book_title", ["title"], { where: `"title" IS NOT NULL` })],
    views: [{ schema: "", name: "author_names", expression: AUTHOR_VIEW, materialized: false, dependsOn: [] }],
    metadataRows: [{ type: "VIEW", schema: "", table: "", name: "author_names", value: AUTHOR_VIEW }],
});

function seed(db: Database.Database): void {
    db.exec(`
        INSERT INTO "author" ("name", "email") VALUES ('Ann', 'ann@example.com'), ('Bob', NULL);
        INSERT INTO "book" ("authorId", "title") VALUES (1, 'First'), (1, NULL), (2, 'Third');
        INSERT INTO "review" ("bookId", "stars") VALUES (1, 5), (1, 4), (2, 3), (3, 1);
        INSERT INTO "category" ("parentId", "name") VALUES (NULL, 'root'), (1, 'child'), (2, 'grandchild');
        INSERT INTO "membership" ("userId", "groupId", "role") VALUES (1, 1, 'owner'), (2, 1, NULL);
    `);
}

const countsOf = (db: Database.Database) => Object.fromEntries(["author", "book", "review", "category", "membership"].map((t) => [t, rowsOf(db, t).length]));

/** The catalog of `schema` built from nothing by our own migration. */
async function freshCatalog(schema: Schema): Promise<Catalog> {
    const db = new Database(":memory:");
    try {
        migrateUp(db, sqliteSchema({}), schema);
        return await dumpSqliteCatalog(db);
    } finally {
        db.close();
    }
}

const rebuilds = (migration: Migration, table: string) => migration.sql.filter((sql) => sql.startsWith(`CREATE TABLE "temporary_${table}"`)).length;

describe("sqlite dialect: rebuilding tables on a real database keeps their rows", () => {
    let file: SqliteTestFile;
    let db: Database.Database;
    let current = library;
    const steps: [Schema, Schema][] = [];
    let initial: Catalog;

    before(async () => {
        file = createSqliteFile();
        db = new Database(file.path);
        migrateUp(db, sqliteSchema({}), library);
        initial = await dumpSqliteCatalog(db);
        seed(db);
    });
    after(() => {
        db?.close();
        file?.cleanup();
    });

    /** Migrates the database from the current schema to `change(current)`, checks it equals a fresh build. */
    async function step(change: Parameters<typeof changeSchema>[1]): Promise<Migration> {
        const next = changeSchema(current, change);
        const counts = countsOf(db);
        const migration = migrateUp(db, current, next);
        steps.push([current, next]);
        current = next;
        expect(diffCatalogs(await dumpSqliteCatalog(db), await freshCatalog(next), { a: "migrated", b: "fresh" })).to.deep.equal([]);
        expect(countsOf(db)).to.deep.equal(counts);
        return migration;
    }

    it("widening a parent's column rebuilds it without cascading into its children, and its view still works", async () => {
        const reviews = rowsOf(db, "review");
        const migration = await step((s) => patchColumn(s, "author", "name", { length: "250" }));
        expect(rebuilds(migration, "author")).to.equal(1);
        expect(migration.sql).to.include(`DROP VIEW "author_names"`);
        expect(rowsOf(db, "review")).to.deep.equal(reviews);
        expect(db.prepare(`SELECT "name" FROM "author_names" ORDER BY "id"`).pluck().all()).to.deep.equal(["Ann", "Bob"]);
    });

    it("nullable → NOT NULL with a default fills the NULLs with the default", async () => {
        await step((s) => patchColumn(s, "book", "title", { nullable: false, default: "'it''s untitled'" }));
        expect(db.prepare(`SELECT "title" FROM "book" ORDER BY "id"`).pluck().all()).to.deep.equal(["First", "it's untitled", "Third"]);
    });

    it("a nullable column is added in place with ALTER TABLE ADD COLUMN", async () => {
        const migration = await step((s) => {
            s.columns = [...s.columns, column("author", "nickname", "varchar", { length: "50" })];
        });
        expect(migration.sql).to.deep.equal([`ALTER TABLE "author" ADD COLUMN "nickname" varchar(50)`]);
    });

    it("a NOT NULL column with an expression default rebuilds the table and fills the rows", async () => {
        const migration = await step((s) => {
            s.columns = [...s.columns, column("author", "joinedAt", "datetime", { nullable: false, default: "datetime('now')" })];
        });
        expect(rebuilds(migration, "author")).to.equal(1);
        expect(db.prepare(`SELECT count(*) FROM "author" WHERE "joinedAt" IS NOT NULL`).pluck().get()).to.equal(2);
    });

    it("dropping a column keeps the others", async () => {
        await step((s) => {
            s.columns = s.columns.filter((c) => !(c.table === "author" && c.name === "nickname"));
        });
        expect(db.prepare(`SELECT "email" FROM "author" ORDER BY "id"`).pluck().all()).to.deep.equal(["ann@example.com", null]);
    });

    it("adding and dropping a composite unique", async () => {
        await step((s) => {
            s.uniques = [...s.uniques, { schema: "", table: "book", name: "UQ_book_author_title", columns: ["authorId", "title"], deferrable: null }];
        });
        expect(() => db.prepare(`INSERT INTO "book" ("authorId", "title") VALUES (1, 'First')`).run()).to.throw(/UNIQUE/);
        await step((s) => {
            s.uniques = s.uniques.filter((u) => u.name !== "UQ_book_author_title");
        });
    });

    it("adding and dropping a check", async () => {
        await step((s) => {
            s.checks = [...s.checks, { schema: "", table: "author", name: "CHK_author_balance", expression: `"balance" >= 0` }];
        });
        expect(() => db.prepare(`UPDATE "author" SET "balance" = -1`).run()).to.throw(/CHECK/);
        await step((s) => {
            s.checks = s.checks.filter((c) => c.name !== "CHK_author_balance");
        });
    });

    it("changing a foreign key's ON DELETE is one rebuild of the child", async () => {
        const migration = await step((s) => {
            s.foreignKeys = s.foreignKeys.map((fk) => (fk.name === "FK_book_author" ? { ...fk, onDelete: "RESTRICT" } : fk));
        });
        expect(rebuilds(migration, "book")).to.equal(1);
        expect(() => db.prepare(`DELETE FROM "author" WHERE "id" = 1`).run()).to.throw(/FOREIGN KEY/);
    });

    it("dropping and re-adding a foreign key", async () => {
        await step((s) => {
            s.foreignKeys = s.foreignKeys.filter((fk) => fk.name !== "FK_review_book");
        });
        await step((s) => {
            s.foreignKeys = [...s.foreignKeys, foreignKey("review", "FK_review_book", ["bookId"], "book", { onDelete: "CASCADE" })];
        });
    });

    it("a new enum value widens the column's CHECK", async () => {
        await step((s) => patchColumn(s, "author", "status", { enum: ["active", "banned", "retired"] }));
        db.prepare(`UPDATE "author" SET "status" = 'retired' WHERE "id" = 2`).run();
        // The down removes the value again, which the CHECK would refuse for this row.
        db.prepare(`UPDATE "author" SET "status" = 'banned' WHERE "id" = 2`).run();
    });

    it("moving a primary key to two columns is one rebuild, however many ops it takes", async () => {
        const migration = await step((s) => {
            patchColumn(s, "membership", "groupId", { primary: true });
            s.primaryKeys = s.primaryKeys.map((pk) => (pk.table === "membership" ? primaryKey("membership", ["userId", "groupId"]) : pk));
        });
        expect(migration.ops.map((op) => op.kind)).to.deep.equal(["dropPrimaryKey", "alterColumn", "addPrimaryKey"]);
        expect(rebuilds(migration, "membership")).to.equal(1);
        db.prepare(`INSERT INTO "membership" ("userId", "groupId") VALUES (1, 2)`).run();
        // The down narrows the key back to "userId": a second row for user 1 would make it fail.
        db.prepare(`DELETE FROM "membership" WHERE "groupId" = 2`).run();
    });

    it("a self-referencing tree survives its table's rebuild", async () => {
        const tree = rowsOf(db, "category");
        await step((s) => patchColumn(s, "category", "name", { length: "100" }));
        expect(rowsOf(db, "category")).to.deep.equal(tree);
    });

    it("the AUTOINCREMENT counter survives a rebuild: ids of deleted rows are not reused", async () => {
        const last = db.prepare(`SELECT max("id") FROM "review"`).pluck().get() as number;
        db.prepare(`DELETE FROM "review" WHERE "id" = ?`).run(last);
        await step((s) => patchColumn(s, "review", "stars", { type: "smallint" }));
        const id = db.prepare(`INSERT INTO "review" ("bookId", "stars") VALUES (1, 2)`).run().lastInsertRowid;
        expect(Number(id)).to.equal(last + 1);
    });

    it("every down, in reverse, gives back the original catalog and keeps the rows", async () => {
        const counts = countsOf(db);
        for (const [from, to] of [...steps].reverse()) migrateDown(db, from, to);
        expect(diffCatalogs(await dumpSqliteCatalog(db), initial, { a: "reverted", b: "initial" })).to.deep.equal([]);
        expect(countsOf(db)).to.deep.equal(counts);
    });
});

describe("sqlite dialect: why rebuilds run with foreign keys OFF", () => {
    const parentAndChild = sqliteSchema({
        tables: [tableEntry("parent"), tableEntry("child")],
        columns: [idColumn("parent"), column("parent", "name", "varchar"), idColumn("child"), column("child", "parentId", "integer", { nullable: false })],
        primaryKeys: [primaryKey("parent", ["id"]), primaryKey("child", ["id"])],
        foreignKeys: [foreignKey("child", "FK_child_parent", ["parentId"], "parent", { onDelete: "CASCADE" })],
    });
    const widened = changeSchema(parentAndChild, (s) => patchColumn(s, "parent", "name", { length: "50" }));

    function database(withRows = true): Database.Database {
        const db = new Database(":memory:");
        migrateUp(db, sqliteSchema({}), parentAndChild);
        if (withRows) db.exec(`INSERT INTO "parent" ("name") VALUES ('p'); INSERT INTO "child" ("parentId") VALUES (1), (1);`);
        return db;
    }

    /** Runs statements the way TypeORM's migration:revert does: in a transaction, foreign keys left ON. */
    function runWithForeignKeysOn(db: Database.Database, statements: readonly string[]): void {
        db.exec("BEGIN");
        try {
            for (const sql of statements) runStatement(db, sql);
            db.exec("COMMIT");
        } catch (error) {
            db.exec("ROLLBACK");
            throw error;
        }
    }

    it("with foreign keys OFF (TypeORM's beforeMigration) the children keep their rows", () => {
        const db = database();
        migrateUp(db, parentAndChild, widened);
        expect(rowsOf(db, "child")).to.have.length(2);
        expect(db.pragma("foreign_key_check")).to.deep.equal([]);
        db.close();
    });

    it("with foreign keys ON (TypeORM's migration:revert) the rebuild refuses to run", () => {
        const db = database();
        const sql = sqliteSql(parentAndChild, diff(parentAndChild, widened));
        db.exec("BEGIN");
        expect(() => db.prepare(sql[0]).all()).to.throw(/rebuilding table parent needs PRAGMA foreign_keys = OFF/);
        db.exec("ROLLBACK");
        db.close();
    });

    it("…because past that check, dropping the old parent would cascade into the children", () => {
        const db = database();
        db.exec("BEGIN");
        for (const sql of sqliteSql(parentAndChild, diff(parentAndChild, widened)).slice(1)) db.prepare(sql).run();
        expect(rowsOf(db, "child")).to.have.length(0);
        db.exec("ROLLBACK");
        db.close();
    });

    it("TypeORM's runMigrations() turns them OFF; its undoLastMigration() does not, and is refused", async () => {
        const file = createSqliteFile();
        const library = migrationClass("Library1700000000000", sqliteSql(sqliteSchema({}), diff(sqliteSchema({}), parentAndChild)), []);
        const widen = migrationClass(
            "WidenParent1700000000001",
            sqliteSql(parentAndChild, diff(parentAndChild, widened)),
            sqliteSql(widened, invertOps(diff(parentAndChild, widened))),
        );
        const connect = (migrations: (new () => MigrationInterface)[]) =>
            new DataSource({ type: "better-sqlite3", database: file.path, migrations }).initialize();
        try {
            const first = await connect([library]);
            await first.runMigrations();
            await first.query(`INSERT INTO "parent" ("name") VALUES ('p')`);
            await first.query(`INSERT INTO "child" ("parentId") VALUES (1), (1)`);
            await first.destroy();
            const second = await connect([library, widen]);
            try {
                await second.runMigrations();
                expect(await second.query(`SELECT count(*) AS "n" FROM "child"`)).to.deep.equal([{ n: 2 }]);
                const refused = await second.undoLastMigration().then(
                    () => null,
                    (error: unknown) => error,
                );
                expect(String(refused)).to.match(/needs PRAGMA foreign_keys = OFF/);
                expect(await second.query(`SELECT count(*) AS "n" FROM "child"`)).to.deep.equal([{ n: 2 }]);
            } finally {
                await second.destroy();
            }
        } finally {
            file.cleanup();
        }
    });

    describe("dropping a parent table", () => {
        const orphaned = changeSchema(parentAndChild, (s) => {
            s.tables = s.tables.filter((t) => t.table !== "parent");
            s.columns = s.columns.filter((c) => c.table !== "parent");
            s.primaryKeys = s.primaryKeys.filter((pk) => pk.table !== "parent");
            s.foreignKeys = [];
        });
        const guarded = (sql: readonly string[]) => sql.some((statement) => statement.includes("dropping table parent needs PRAGMA foreign_keys = OFF"));

        it("needs no check when the child has lost its foreign key already", () => {
            expect(guarded(sqliteSql(parentAndChild, diff(parentAndChild, orphaned)))).to.equal(false);
        });

        it("is checked when the child still references it (its rebuild comes later), and keeps the child's rows", () => {
            const alsoRetyped = changeSchema(orphaned, (s) => patchColumn(s, "child", "parentId", { type: "bigint" }));
            const sql = sqliteSql(parentAndChild, diff(parentAndChild, alsoRetyped));
            expect(guarded(sql)).to.equal(true);
            const db = database();
            runMigrationSql(db, sql);
            expect(rowsOf(db, "child")).to.have.length(2);
            db.close();
        });

        it("needs no check when the child is dropped too", () => {
            expect(guarded(sqliteSql(parentAndChild, diff(parentAndChild, sqliteSchema({}))))).to.equal(false);
        });
    });

    it("with foreign keys ON but no row referencing the parent, the rebuild runs", () => {
        const db = database(false);
        runWithForeignKeysOn(db, sqliteSql(parentAndChild, diff(parentAndChild, widened)));
        expect(db.prepare(`SELECT "type" FROM pragma_table_info('parent') WHERE "name" = 'name'`).pluck().get()).to.equal("varchar(50)");
        db.close();
    });

    it("related tables are dropped children first, so a down run with foreign keys ON drops them all", () => {
        const withGrandchild = changeSchema(parentAndChild, (s) => {
            s.tables = [...s.tables, tableEntry("grandchild")];
            s.columns = [...s.columns, idColumn("grandchild"), column("grandchild", "childId", "integer")];
            s.primaryKeys = [...s.primaryKeys, primaryKey("grandchild", ["id"])];
            s.foreignKeys = [...s.foreignKeys, foreignKey("grandchild", "FK_grandchild_child", ["childId"], "child")];
        });
        const db = new Database(":memory:");
        migrateUp(db, sqliteSchema({}), withGrandchild);
        const down = sqliteSql(withGrandchild, invertOps(diff(sqliteSchema({}), withGrandchild)));
        expect(down).to.deep.equal([`DROP TABLE "grandchild"`, `DROP TABLE "child"`, `DROP TABLE "parent"`]);
        runWithForeignKeysOn(db, down);
        expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%'`).pluck().get()).to.equal(0);
        db.close();
    });

    it("a table nothing references needs no check", () => {
        const sql = sqliteSql(
            parentAndChild,
            diff(
                parentAndChild,
                changeSchema(parentAndChild, (s) => patchColumn(s, "child", "parentId", { type: "bigint" })),
            ),
        );
        expect(sql[0]).to.match(/^CREATE TABLE "temporary_child"/);
    });
});

/** A TypeORM migration class running fixed SQL, named as TypeORM wants (13-digit timestamp). */
function migrationClass(name: string, up: readonly string[], down: readonly string[]): new () => MigrationInterface {
    const run = async (queryRunner: QueryRunner, statements: readonly string[]) => {
        for (const sql of statements) await queryRunner.query(sql);
    };
    const migration = class implements MigrationInterface {
        name = name;
        up = (queryRunner: QueryRunner) => run(queryRunner, up);
        down = (queryRunner: QueryRunner) => run(queryRunner, down);
    };
    Object.defineProperty(migration, "name", { value: name });
    return migration;
}
