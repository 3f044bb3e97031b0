import Database from "better-sqlite3";
import { expect } from "chai";
import { diff } from "../../lib/diff/diff";
import type { Op } from "../../lib/diff/ops";
import { UnsupportedSqliteSchemaError, sqliteDialect } from "../../lib/dialects/sqlite";
import { renderStatements } from "../../lib/render/statements";
import type { Column, Schema } from "../../lib/schema/model";
import {
    changeSchema,
    column,
    foreignKey,
    idColumn,
    index,
    patchColumn,
    primaryKey,
    runMigrationSql,
    sqliteSchema,
    sqliteSql,
    tableEntry,
} from "../support/sqlite-scratch";

const meta = { reasons: [], risk: "safe" } as const;
const empty = sqliteSchema({});

/** One table `t` with an increment id and the given extra columns. */
function tableWith(...columns: Column[]): Schema {
    return sqliteSchema({ tables: [tableEntry("t")], columns: [idColumn("t"), ...columns], primaryKeys: [primaryKey("t", ["id"])] });
}

const upSql = (from: Schema, to: Schema) => sqliteSql(from, diff(from, to));

/** Runs the SQL of `from` → `to` on a fresh in-memory database built at `from`, so each SQL test is also a real one. */
function runsOnSqlite(from: Schema, to: Schema): void {
    const db = new Database(":memory:");
    try {
        runMigrationSql(db, upSql(empty, from));
        runMigrationSql(db, upSql(from, to));
    } finally {
        db.close();
    }
}

describe("sqlite dialect: SQL per op", () => {
    describe("quoting", () => {
        it("doubles quote characters in identifiers and literals", () => {
            expect(sqliteDialect.quoteIdentifier(`we"ird`)).to.equal(`"we""ird"`);
            expect(sqliteDialect.quoteLiteral(`it's`)).to.equal(`'it''s'`);
        });

        it("quotes a table, a column and an enum value holding quotes, and keeps a default's escaping", () => {
            const schema = sqliteSchema({
                tables: [tableEntry(`my"table`)],
                columns: [
                    column(`my"table`, `co"l`, "varchar", { default: `'it''s'` }),
                    column(`my"table`, "mood", "varchar", { nullable: false, enum: ["ok", "it's"], default: `'ok'` }),
                ],
            });
            expect(upSql(empty, schema)).to.deep.equal([
                `CREATE TABLE "my""table" ("co""l" varchar DEFAULT ('it''s'), ` + `"mood" varchar CHECK( "mood" IN ('ok','it''s') ) NOT NULL DEFAULT ('ok'))`,
            ]);
            runsOnSqlite(empty, schema);
        });
    });

    describe("createTable / dropTable", () => {
        it("writes columns as TypeORM does: types with length or precision, enum as varchar with a CHECK, COLLATE", () => {
            const schema = tableWith(
                column("t", "title", "varchar", { length: "200", nullable: false }),
                column("t", "price", "decimal", { precision: 10, scale: 2 }),
                column("t", "ratio", "float", { precision: 5 }),
                column("t", "state", "varchar", { length: "20", enum: ["a", "b"], default: "'a'", nullable: false }),
                column("t", "name", "varchar", { collation: "NOCASE" }),
                column("t", "at", "datetime", { nullable: false, default: "datetime('now')" }),
            );
            expect(upSql(empty, schema)).to.deep.equal([
                `CREATE TABLE "t" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, ` +
                    `"price" decimal(10,2), "ratio" float(5), "state" varchar CHECK( "state" IN ('a','b') ) NOT NULL DEFAULT ('a'), ` +
                    `"name" varchar COLLATE NOCASE, "at" datetime NOT NULL DEFAULT (datetime('now')))`,
            ]);
        });

        it("puts uniques, checks, foreign keys, then an unnamed composite primary key after the columns", () => {
            const schema = sqliteSchema({
                tables: [tableEntry("p"), tableEntry("link", { withoutRowid: true })],
                columns: [idColumn("p"), column("link", "a", "integer", { nullable: false }), column("link", "b", "integer", { nullable: false })],
                primaryKeys: [primaryKey("p", ["id"]), primaryKey("link", ["a", "b"])],
                uniques: [{ schema: "", table: "link", name: "UQ_link_b", columns: ["b"], deferrable: null }],
                checks: [{ schema: "", table: "link", name: "CHK_link", expression: `"a" <> "b"` }],
                foreignKeys: [foreignKey("link", "FK_link_a", ["a"], "p", { onDelete: "CASCADE", deferrable: "INITIALLY DEFERRED" })],
            });
            // The differ creates parents before the tables that reference them.
            expect(upSql(empty, schema)).to.deep.equal([
                `CREATE TABLE "p" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL)`,
                `CREATE TABLE "link" ("a" integer NOT NULL, "b" integer NOT NULL, CONSTRAINT "UQ_link_b" UNIQUE ("b"), ` +
                    `CONSTRAINT "CHK_link" CHECK ("a" <> "b"), CONSTRAINT "FK_link_a" FOREIGN KEY ("a") REFERENCES "p" ("id") ` +
                    `ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED, PRIMARY KEY ("a", "b")) WITHOUT ROWID`,
            ]);
            runsOnSqlite(empty, schema);
        });

        it("creates a table with the foreign keys it has at the migration's end; their addForeignKey ops emit nothing", () => {
            const schema = sqliteSchema({
                tables: [tableEntry("a"), tableEntry("b")],
                columns: [idColumn("a"), column("a", "bId", "integer"), idColumn("b"), column("b", "aId", "integer")],
                primaryKeys: [primaryKey("a", ["id"]), primaryKey("b", ["id"])],
                foreignKeys: [foreignKey("a", "FK_a_b", ["bId"], "b"), foreignKey("b", "FK_b_a", ["aId"], "a")],
            });
            const ops = diff(empty, schema);
            expect(ops.map((o) => o.kind)).to.deep.equal(["createTable", "createTable", "addForeignKey", "addForeignKey"]);
            const sql = sqliteSql(empty, ops);
            expect(sql).to.have.length(2);
            // The two tables reference each other, so either may come first.
            const createOf = (table: string) => sql.find((s) => s.startsWith(`CREATE TABLE "${table}"`)) ?? "";
            expect(createOf("a")).to.contain(`CONSTRAINT "FK_a_b" FOREIGN KEY ("bId") REFERENCES "b" ("id")`);
            expect(createOf("b")).to.contain(`CONSTRAINT "FK_b_a" FOREIGN KEY ("aId") REFERENCES "a" ("id")`);
            runsOnSqlite(empty, schema);
        });

        it("drops a table alone: its foreign keys and indexes go with it", () => {
            const schema = sqliteSchema({
                tables: [tableEntry("p"), tableEntry("c")],
                columns: [idColumn("p"), idColumn("c"), column("c", "pId", "integer")],
                primaryKeys: [primaryKey("p", ["id"]), primaryKey("c", ["id"])],
                foreignKeys: [foreignKey("c", "FK_c_p", ["pId"], "p")],
                indexes: [index("c", "IDX_c_p", ["pId"])],
            });
            const ops = diff(schema, empty);
            expect(ops.map((o) => o.kind)).to.deep.equal(["dropForeignKey", "dropIndex", "dropTable", "dropTable"]);
            expect(sqliteSql(schema, ops)).to.deep.equal([`DROP TABLE "c"`, `DROP TABLE "p"`]);
        });

        it("refuses AUTOINCREMENT on a composite primary key, as SQLite would", () => {
            const schema = sqliteSchema({
                tables: [tableEntry("t")],
                columns: [idColumn("t"), column("t", "b", "integer", { nullable: false, primary: true })],
                primaryKeys: [primaryKey("t", ["id", "b"])],
            });
            expect(() => upSql(empty, schema)).to.throw(UnsupportedSqliteSchemaError);
        });
    });

    describe("addColumn", () => {
        const base = tableWith(column("t", "name", "varchar"));
        const adding = (added: Column) =>
            changeSchema(base, (s) => {
                s.columns = [...s.columns, added];
            });

        for (const [what, added] of [
            ["a nullable column", column("t", "c", "varchar", { length: "20" })],
            ["NOT NULL with a constant default", column("t", "c", "integer", { nullable: false, default: "-1" })],
            ["a string default holding a quote", column("t", "c", "varchar", { nullable: false, default: `'it''s'` })],
            ["an enum column (its CHECK is part of the column)", column("t", "c", "varchar", { nullable: false, enum: ["x", "y"], default: "'x'" })],
            ["a VIRTUAL generated column", column("t", "c", "varchar", { asExpression: `upper("name")`, generatedType: "VIRTUAL" })],
        ] as const) {
            it(`adds ${what} in place`, () => {
                const sql = upSql(base, adding(added));
                expect(sql).to.have.length(1);
                expect(sql[0]).to.match(/^ALTER TABLE "t" ADD COLUMN "c" /);
                runsOnSqlite(base, adding(added));
            });
        }

        for (const [what, added] of [
            ["NOT NULL without a default", column("t", "c", "integer", { nullable: false })],
            ["an expression default (refused by ADD COLUMN)", column("t", "c", "datetime", { default: "datetime('now')" })],
            ["CURRENT_TIMESTAMP", column("t", "c", "datetime", { default: "CURRENT_TIMESTAMP" })],
            ["a STORED generated column", column("t", "c", "varchar", { asExpression: `upper("name")`, generatedType: "STORED" })],
        ] as const) {
            it(`rebuilds the table for ${what}`, () => {
                const sql = upSql(base, adding(added));
                expect(sql[0]).to.match(/^CREATE TABLE "temporary_t" /);
                expect(sql).to.include(`INSERT INTO "temporary_t" ("id", "name") SELECT "id", "name" FROM "t"`);
            });
        }

        it("rebuilds once when the new column also gets a foreign key, and creates its index in the rebuild", () => {
            const target = changeSchema(base, (s) => {
                s.columns = [...s.columns, column("t", "parentId", "integer")];
                s.foreignKeys = [foreignKey("t", "FK_t_parent", ["parentId"], "t")];
                s.indexes = [index("t", "IDX_t_parent", ["parentId"])];
            });
            const ops = diff(base, target);
            expect(ops.map((o) => o.kind)).to.deep.equal(["addColumn", "createIndex", "addForeignKey"]);
            expect(renderStatements(sqliteDialect, base, ops).map((entry) => entry.statements.length)).to.deep.equal([0, 0, 7]);
            const sql = sqliteSql(base, ops);
            expect(sql.filter((s) => s.startsWith("CREATE INDEX"))).to.deep.equal([`CREATE INDEX "IDX_t_parent" ON "t" ("parentId")`]);
            expect(sql[sql.length - 1]).to.equal(`CREATE INDEX "IDX_t_parent" ON "t" ("parentId")`);
            runsOnSqlite(base, target);
        });
    });

    describe("alterColumn, table options and members", () => {
        const base = tableWith(column("t", "name", "varchar", { length: "10" }));

        it("a change SQLite does not store (a comment) emits nothing", () => {
            expect(
                upSql(
                    base,
                    changeSchema(base, (s) => patchColumn(s, "t", "name", { comment: "who" })),
                ),
            ).to.deep.equal([]);
        });

        it("a type change rebuilds: create temporary, copy, drop, rename", () => {
            const sql = upSql(
                base,
                changeSchema(base, (s) => patchColumn(s, "t", "name", { length: "20" })),
            );
            expect(sql).to.deep.equal([
                `CREATE TABLE "temporary_t" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(20))`,
                `INSERT INTO "temporary_t" ("id", "name") SELECT "id", "name" FROM "t"`,
                `DELETE FROM "sqlite_sequence" WHERE "name" = 'temporary_t'`,
                `INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'temporary_t', "seq" FROM "sqlite_sequence" WHERE "name" = 't'`,
                `DROP TABLE "t"`,
                `ALTER TABLE "temporary_t" RENAME TO "t"`,
            ]);
        });

        it("a column that becomes NOT NULL with a default is copied with COALESCE", () => {
            const sql = upSql(
                base,
                changeSchema(base, (s) => patchColumn(s, "t", "name", { nullable: false, default: `'n/a'` })),
            );
            expect(sql).to.include(`INSERT INTO "temporary_t" ("id", "name") SELECT "id", COALESCE("name", 'n/a') FROM "t"`);
        });

        it("WITHOUT ROWID arriving through a table op rebuilds; a table comment alone emits nothing", () => {
            const keyed = sqliteSchema({
                tables: [tableEntry("k")],
                columns: [column("k", "key", "varchar", { nullable: false, primary: true })],
                primaryKeys: [primaryKey("k", ["key"])],
            });
            expect(
                upSql(
                    keyed,
                    changeSchema(keyed, (s) => {
                        s.tables = [tableEntry("k", { comment: "keys" })];
                    }),
                ),
            ).to.deep.equal([]);
            const sql = upSql(
                keyed,
                changeSchema(keyed, (s) => {
                    s.tables = [tableEntry("k", { withoutRowid: true })];
                }),
            );
            expect(sql[0]).to.equal(`CREATE TABLE "temporary_k" ("key" varchar PRIMARY KEY NOT NULL) WITHOUT ROWID`);
            runsOnSqlite(
                keyed,
                changeSchema(keyed, (s) => {
                    s.tables = [tableEntry("k", { withoutRowid: true })];
                }),
            );
        });

        it("a rebuild re-creates the table's indexes, quoted", () => {
            const indexed = changeSchema(base, (s) => {
                s.indexes = [index("t", `IDX_"odd"`, ["name"], { unique: true, where: `"name" IS NOT NULL` })];
            });
            const sql = upSql(
                indexed,
                changeSchema(indexed, (s) => patchColumn(s, "t", "name", { length: "30" })),
            );
            expect(sql[sql.length - 1]).to.equal(`CREATE UNIQUE INDEX "IDX_""odd""" ON "t" ("name") WHERE "name" IS NOT NULL`);
            runsOnSqlite(
                indexed,
                changeSchema(indexed, (s) => patchColumn(s, "t", "name", { length: "30" })),
            );
        });
    });

    describe("indexes", () => {
        const base = tableWith(column("t", "name", "varchar"));
        const indexed = changeSchema(base, (s) => {
            s.indexes = [index("t", "IDX_t_name", ["id", "name"])];
        });

        it("creates and drops an index", () => {
            expect(upSql(base, indexed)).to.deep.equal([`CREATE INDEX "IDX_t_name" ON "t" ("id", "name")`]);
            expect(upSql(indexed, base)).to.deep.equal([`DROP INDEX "IDX_t_name"`]);
        });
    });

    describe("ops SQLite has nothing for", () => {
        const nothing: Op[] = [
            { kind: "createSchema", schema: "s", ...meta },
            { kind: "dropSchema", schema: "s", ...meta },
            { kind: "createExtension", extension: "uuid-ossp", ...meta },
            { kind: "dropExtension", extension: "uuid-ossp", ...meta },
            { kind: "createEnum", enumType: { schema: "", name: "mood", values: ["a"] }, ...meta },
            { kind: "alterEnum", before: { schema: "", name: "mood", values: ["a"] }, after: { schema: "", name: "mood", values: ["a", "b"] }, ...meta },
            { kind: "dropEnum", enumType: { schema: "", name: "mood", values: ["a", "b"] }, ...meta },
        ];
        for (const o of nothing) {
            it(`${o.kind} emits nothing`, () => {
                const ctx = { before: empty, after: empty, start: empty, end: empty, backfillFor: () => null, online: false };
                expect(sqliteDialect.emitters[o.kind](o as never, ctx)).to.deep.equal([]);
            });
        }
    });

    describe("views and typeorm_metadata rows", () => {
        const expression = `SELECT 'it''s' AS "x"`;
        const withView = sqliteSchema({
            views: [{ schema: "", name: `v"1`, expression, materialized: false, dependsOn: [] }],
            metadataRows: [{ type: "VIEW", schema: "", table: "", name: `v"1`, value: expression }],
        });

        it("creates the metadata table with the first row, as TypeORM does, and the view", () => {
            expect(upSql(empty, withView)).to.deep.equal([
                `CREATE VIEW "v""1" AS SELECT 'it''s' AS "x"`,
                `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`,
                `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (NULL, NULL, NULL, 'VIEW', 'v"1', 'SELECT ''it''''s'' AS "x"')`,
            ]);
            runsOnSqlite(empty, withView);
        });

        it("drops the metadata table with the last row", () => {
            expect(upSql(withView, empty)).to.deep.equal([
                `DROP VIEW "v""1"`,
                `DELETE FROM "typeorm_metadata" WHERE "type" = 'VIEW' AND "name" = 'v"1'`,
                `DROP TABLE "typeorm_metadata"`,
            ]);
        });

        it("a generated column's row names its table", () => {
            const row = { type: "GENERATED_COLUMN", schema: "", table: "t", name: "c", value: `upper("name")` } as const;
            const ctx = { before: withView, after: withView, start: withView, end: withView, backfillFor: () => null, online: false };
            expect(sqliteDialect.emitters.insertMetadataRow({ kind: "insertMetadataRow", row, ...meta }, ctx)).to.deep.equal([
                {
                    sql: `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (NULL, NULL, 't', 'GENERATED_COLUMN', 'c', 'upper("name")')`,
                },
            ]);
            expect(sqliteDialect.emitters.deleteMetadataRow({ kind: "deleteMetadataRow", row, ...meta }, ctx)).to.deep.equal([
                { sql: `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'c' AND "table" = 't'` },
            ]);
        });
    });

    it("declares its capabilities", () => {
        expect(sqliteDialect.name).to.equal("sqlite");
        expect(sqliteDialect.capabilities).to.deep.equal({
            transactionalDdl: true,
            rebuildsTables: true,
            supportsSchemas: false,
            supportsEnumTypes: false,
        });
    });
});
