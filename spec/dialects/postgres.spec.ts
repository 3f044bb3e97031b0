import { expect } from "chai";
import type { Op, TableDefinition } from "../../lib/diff/ops";
import { postgresDialect, UnsupportedPostgresSchemaError } from "../../lib/dialects/postgres";
import { serialSequenceBareName } from "../../lib/dialects/postgres/sequences";
import type { Column, EnumType, MetadataRow, Schema } from "../../lib/schema/model";
import {
    check,
    column,
    downSqlOf,
    emptyPg,
    enumColumn,
    enumType,
    foreignKey,
    index,
    meta,
    pgSchema,
    primaryKey,
    serialId,
    sqlOf,
    statementsOf,
    table,
    unique,
} from "../support/pg-scratch";

// SQL per op kind, asserted statement by statement. postgres-database.spec.ts runs the same
// kinds of SQL on a real server; postgres-synchronize.spec.ts compares with synchronize().

const createTable = (definition: TableDefinition): Op => ({ kind: "createTable", definition, ...meta });
const definition = (name: string, columns: Column[], parts: Partial<TableDefinition> = {}): TableDefinition => ({
    table: table(name),
    columns,
    primaryKey: null,
    uniques: [],
    checks: [],
    ...parts,
});

/** A schema holding `columns` in their tables (and the tables), plus `parts`. */
function holding(columns: Column[], parts: Partial<Schema> = {}): Schema {
    const tables = [...new Set(columns.map((c) => `${c.schema}\u0000${c.table}`))].map((key) => {
        const [schema, name] = key.split("\u0000");
        return table(name, { schema });
    });
    return pgSchema({ tables, columns, ...parts });
}

const alter = (before: Column, after: Column): Op => ({ kind: "alterColumn", before, after, ...meta });
const alterSql = (before: Column, after: Column, parts: Partial<Schema> = {}) => sqlOf(holding([before], parts), [alter(before, after)]);

describe("postgres dialect: SQL per op", () => {
    describe("quoting and capabilities", () => {
        it("doubles quotes in identifiers and literals, writes a backslash as E'' and refuses NUL", () => {
            expect(postgresDialect.quoteIdentifier(`we"ird`)).to.equal(`"we""ird"`);
            expect(postgresDialect.quoteLiteral(`it's`)).to.equal(`'it''s'`);
            expect(postgresDialect.quoteLiteral(`C:\\dir's`)).to.equal(`E'C:\\\\dir''s'`);
            expect(() => postgresDialect.quoteIdentifier("a\u0000b")).to.throw(UnsupportedPostgresSchemaError);
        });

        it("declares transactional DDL, schemas and enum types, no table rebuilds", () => {
            expect(postgresDialect.name).to.equal("postgres");
            expect(postgresDialect.capabilities).to.deep.equal({
                transactionalDdl: true,
                rebuildsTables: false,
                supportsSchemas: true,
                supportsEnumTypes: true,
            });
        });

        it("quotes a table, a column, a comment and an enum value holding quotes; a default is the SQL expression it is", () => {
            const mood = enumType(`mo"od`, ["ok", "it's"]);
            const columns = [
                column(`my"table`, `co"l`, "character varying", { default: `'it''s'`, comment: `the "col", it's` }),
                enumColumn(`my"table`, "mood", mood, { nullable: false, default: `'ok'` }),
            ];
            const def = { ...definition(`my"table`, columns), table: table(`my"table`, { comment: "O'Reilly\u0000" }) };
            expect(sqlOf(emptyPg, [{ kind: "createEnum", enumType: mood, ...meta }, createTable(def)])).to.deep.equal([
                `CREATE TYPE "public"."mo""od" AS ENUM('ok', 'it''s')`,
                `CREATE TABLE "public"."my""table" ("co""l" character varying DEFAULT 'it''s', "mood" "public"."mo""od" NOT NULL DEFAULT 'ok')`,
                `COMMENT ON TABLE "public"."my""table" IS 'O''Reilly'`,
                `COMMENT ON COLUMN "public"."my""table"."co""l" IS 'the "col", it''s'`,
            ]);
        });

        it("refuses a type, length or deferrable that is not plain SQL instead of writing it", () => {
            const sneaky = column("t", "c", "integer); DROP TABLE x; --");
            expect(() => sqlOf(emptyPg, [createTable(definition("t", [sneaky]))])).to.throw(UnsupportedPostgresSchemaError, /not a plain type name/);
            const longer = column("t", "c", "character varying", { length: "1) --" });
            expect(() => sqlOf(emptyPg, [createTable(definition("t", [longer]))])).to.throw(UnsupportedPostgresSchemaError, /not a whole number/);
            const deferred = unique("t", "UQ", ["c"], { deferrable: "INITIALLY DEFERRED; DROP" });
            expect(() => sqlOf(emptyPg, [createTable(definition("t", [column("t", "c", "integer")], { uniques: [deferred] }))])).to.throw(/deferrable/);
        });
    });

    describe("createTable / dropTable", () => {
        it("writes TypeORM's full types: lengths, precision and scale, time precision, arrays, PostGIS, collation", () => {
            const columns = [
                column("t", "title", "character varying", { length: "200", nullable: false, collation: "C" }),
                column("t", "price", "numeric", { precision: 10, scale: 2, default: `'0'` }),
                column("t", "ratio", "numeric", { precision: 5 }),
                column("t", "at", "timestamp with time zone", { precision: 3, default: "now()" }),
                column("t", "day", "time without time zone"),
                column("t", "tags", "text", { array: true, default: `'{}'` }),
                column("t", "spot", "geography", { spatialFeatureType: "Point", srid: 4326 }),
                column("t", "shape", "geometry"),
                column("t", "embedding", "vector", { length: "3" }),
            ];
            expect(sqlOf(emptyPg, [createTable(definition("t", columns))])).to.deep.equal([
                `CREATE TABLE "public"."t" ("title" character varying(200) COLLATE "C" NOT NULL, "price" numeric(10,2) DEFAULT '0', ` +
                    `"ratio" numeric(5), "at" timestamp(3) with time zone DEFAULT now(), "day" time, "tags" text[] DEFAULT '{}', ` +
                    `"spot" geography(Point,4326), "shape" geometry, "embedding" vector(3))`,
            ]);
        });

        it("writes SERIAL by integer size, identity, a uuid generator, a computed column, then uniques, checks and the primary key", () => {
            const columns = [
                serialId("t"),
                column("t", "small", "smallint", { nullable: false, generated: "increment" }),
                column("t", "big", "bigint", { nullable: false, generated: "increment" }),
                column("t", "n", "integer", { nullable: false, generated: "identity", identity: "ALWAYS" }),
                column("t", "m", "bigint", { nullable: false, generated: "identity", identity: null }),
                column("t", "u", "uuid", { nullable: false, generated: "uuid" }),
                column("t", "twice", "integer", { asExpression: `"n" * 2`, generatedType: "STORED" }),
            ];
            const def = definition("t", columns, {
                primaryKey: primaryKey("t", ["id"], "PK_t"),
                uniques: [unique("t", "UQ_t_u", ["u"]), unique("t", "UQ_t_n_m", ["n", "m"], { deferrable: "INITIALLY DEFERRED" })],
                checks: [check("t", "CHK_t_n", `"n" > 0`)],
            });
            expect(sqlOf(emptyPg, [createTable(def)])).to.deep.equal([
                `CREATE TABLE "public"."t" ("id" SERIAL NOT NULL, "small" SMALLSERIAL NOT NULL, "big" BIGSERIAL NOT NULL, ` +
                    `"n" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "m" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, ` +
                    `"u" uuid NOT NULL DEFAULT uuid_generate_v4(), "twice" integer GENERATED ALWAYS AS ("n" * 2) STORED, ` +
                    `CONSTRAINT "UQ_t_u" UNIQUE ("u"), CONSTRAINT "UQ_t_n_m" UNIQUE ("n", "m") DEFERRABLE INITIALLY DEFERRED, ` +
                    `CONSTRAINT "CHK_t_n" CHECK ("n" > 0), CONSTRAINT "PK_t" PRIMARY KEY ("id"))`,
            ]);
        });

        it("uses gen_random_uuid() when the data source chose pgcrypto, and keeps a uuid default the model already has", () => {
            const pgcrypto = pgSchema({ extensions: ["pgcrypto"] });
            const ops = [createTable(definition("t", [column("t", "u", "uuid", { generated: "uuid" })]))];
            expect(sqlOf(pgcrypto, ops)).to.deep.equal([`CREATE TABLE "public"."t" ("u" uuid DEFAULT gen_random_uuid())`]);
            const given = [createTable(definition("t", [column("t", "u", "uuid", { generated: "uuid", default: "uuid_generate_v4()" })]))];
            expect(sqlOf(pgcrypto, given)).to.deep.equal([`CREATE TABLE "public"."t" ("u" uuid DEFAULT uuid_generate_v4())`]);
        });

        it("refuses an increment column that is not an integer", () => {
            const ops = [createTable(definition("t", [column("t", "id", "text", { generated: "increment" })]))];
            expect(() => sqlOf(emptyPg, ops)).to.throw(UnsupportedPostgresSchemaError, /smallint, integer or bigint/);
        });

        it("writes an enum column as its schema-qualified type, an array of it with []", () => {
            const mood = enumType("mood", ["a", "b"], "extra");
            const columns = [enumColumn("t", "m", mood, { schema: "extra" }), enumColumn("t", "ms", mood, { schema: "extra", array: true, default: `'{a}'` })];
            const def = { ...definition("t", columns), table: table("t", { schema: "extra" }) };
            expect(sqlOf(pgSchema({ schemas: ["extra"] }), [createTable(def)])).to.deep.equal([
                `CREATE TABLE "extra"."t" ("m" "extra"."mood", "ms" "extra"."mood"[] DEFAULT '{a}')`,
            ]);
        });

        it("drops the table alone; its down creates it again", () => {
            const def = definition("t", [serialId("t")], { primaryKey: primaryKey("t", ["id"]) });
            const created = [createTable(def)];
            expect(downSqlOf(emptyPg, created)).to.deep.equal([`DROP TABLE "public"."t"`]);
        });

        it("sets or removes a table comment, and writes nothing when only MySQL/SQLite options change", () => {
            const before = table("t", { comment: "old" });
            const schema = pgSchema({ tables: [before] });
            const set = (after: typeof before) => sqlOf(schema, [{ kind: "setTableComment", before, after, ...meta }]);
            expect(set(table("t", { comment: "it's new" }))).to.deep.equal([`COMMENT ON TABLE "public"."t" IS 'it''s new'`]);
            expect(set(table("t", { comment: null }))).to.deep.equal([`COMMENT ON TABLE "public"."t" IS NULL`]);
            expect(set(table("t", { comment: "old", engine: "InnoDB" }))).to.deep.equal([]);
        });
    });

    describe("schemas and extensions", () => {
        it("creates them if missing and drops them without CASCADE", () => {
            const ops: Op[] = [
                { kind: "createSchema", schema: `sch"ema`, ...meta },
                { kind: "createExtension", extension: "uuid-ossp", ...meta },
            ];
            expect(sqlOf(emptyPg, ops)).to.deep.equal([`CREATE SCHEMA IF NOT EXISTS "sch""ema"`, `CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`]);
            expect(downSqlOf(emptyPg, ops)).to.deep.equal([`DROP EXTENSION IF EXISTS "uuid-ossp"`, `DROP SCHEMA "sch""ema"`]);
        });
    });

    describe("enum types", () => {
        const status = enumType("post_status_enum", ["draft", "published"]);
        const post = (values: readonly string[], overrides: Partial<Column> = {}) =>
            enumColumn("post", "status", { ...status, values }, { default: `'draft'`, ...overrides });
        const alterEnum = (before: EnumType, after: EnumType): Op => ({ kind: "alterEnum", before, after, ...meta });

        it("creates and drops the type with its values in order", () => {
            const ops: Op[] = [{ kind: "createEnum", enumType: enumType("e", ["b", "a", "it's"]), ...meta }];
            expect(sqlOf(emptyPg, ops)).to.deep.equal([`CREATE TYPE "public"."e" AS ENUM('b', 'a', 'it''s')`]);
            expect(downSqlOf(emptyPg, ops)).to.deep.equal([`DROP TYPE "public"."e"`]);
        });

        it("adds values with ADD VALUE at their place (after their predecessor, or before the first) when nothing uses them yet", () => {
            const after = { ...status, values: ["new first", "draft", "review", "published", "last"] };
            expect(sqlOf(holding([post(status.values)], { enums: [status] }), [alterEnum(status, after)])).to.deep.equal([
                `ALTER TYPE "public"."post_status_enum" ADD VALUE 'new first' BEFORE 'draft'`,
                `ALTER TYPE "public"."post_status_enum" ADD VALUE 'review' AFTER 'draft'`,
                `ALTER TYPE "public"."post_status_enum" ADD VALUE 'last' AFTER 'published'`,
            ]);
        });

        it("rebuilds instead when the same migration makes a new value a default (an added value is unusable until commit)", () => {
            const after = { ...status, values: ["draft", "review", "published"] };
            const from = holding([post(status.values)], { enums: [status] });
            const ops: Op[] = [alterEnum(status, after), alter(post(status.values), post(after.values, { default: `'review'` }))];
            expect(sqlOf(from, ops)).to.deep.equal([
                `ALTER TYPE "public"."post_status_enum" RENAME TO "post_status_enum_old"`,
                `CREATE TYPE "public"."post_status_enum" AS ENUM('draft', 'review', 'published')`,
                `ALTER TABLE "public"."post" ALTER COLUMN "status" DROP DEFAULT`,
                `ALTER TABLE "public"."post" ALTER COLUMN "status" TYPE "public"."post_status_enum" USING "status"::text::"public"."post_status_enum"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "status" SET DEFAULT 'draft'`,
                `DROP TYPE "public"."post_status_enum_old"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "status" SET DEFAULT 'review'`,
            ]);
        });

        it("renames the old type to <name>_old, or to a free name when a type of that name exists", () => {
            const taken = enumType("post_status_enum_old", ["x"]);
            const from = holding([post(status.values)], { enums: [status, taken] });
            const sql = sqlOf(from, [alterEnum(status, { ...status, values: ["published", "draft"] })]);
            expect(sql[0]).to.equal(`ALTER TYPE "public"."post_status_enum" RENAME TO "post_status_enum_old1"`);
            expect(sql.at(-1)).to.equal(`DROP TYPE "public"."post_status_enum_old1"`);
        });

        it("rebuilds when a column is converted to the type in the same migration (its rows may hold a new value)", () => {
            const kind = column("post", "kind", "character varying");
            const after = { ...status, values: ["draft", "published", "review"] };
            const from = holding([post(status.values), kind], { enums: [status] });
            const converted = enumColumn("post", "kind", after);
            const sql = sqlOf(from, [alterEnum(status, after), alter(kind, converted)]);
            expect(sql[0]).to.equal(`ALTER TYPE "public"."post_status_enum" RENAME TO "post_status_enum_old"`);
        });

        it("rebuilds on removal: every column of any table using the type moves over through text, arrays too, predicates naming it re-made", () => {
            const after = { ...status, values: ["published", "draft"] };
            const columns = [post(status.values), enumColumn("archive", "statuses", status, { array: true })];
            const from = holding(columns, {
                enums: [status],
                indexes: [index("post", "IDX_published", ["status"], { where: `"status" = 'published'` })],
                checks: [check("archive", "CHK_statuses", `cardinality("statuses") < 3`), check("post", "CHK_other", `1 = 1`)],
            });
            expect(sqlOf(from, [alterEnum(status, after)])).to.deep.equal([
                `ALTER TYPE "public"."post_status_enum" RENAME TO "post_status_enum_old"`,
                `CREATE TYPE "public"."post_status_enum" AS ENUM('published', 'draft')`,
                `ALTER TABLE "public"."archive" DROP CONSTRAINT "CHK_statuses"`,
                `DROP INDEX "public"."IDX_published"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "status" DROP DEFAULT`,
                `ALTER TABLE "public"."post" ALTER COLUMN "status" TYPE "public"."post_status_enum" USING "status"::text::"public"."post_status_enum"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "status" SET DEFAULT 'draft'`,
                `ALTER TABLE "public"."archive" ALTER COLUMN "statuses" TYPE "public"."post_status_enum"[] USING "statuses"::text[]::"public"."post_status_enum"[]`,
                `ALTER TABLE "public"."archive" ADD CONSTRAINT "CHK_statuses" CHECK (cardinality("statuses") < 3)`,
                `CREATE INDEX "IDX_published" ON "public"."post" ("status") WHERE "status" = 'published'`,
                `DROP TYPE "public"."post_status_enum_old"`,
            ]);
        });
    });

    describe("addColumn / dropColumn", () => {
        it("adds the column with its comment; drops it; each is the other's down", () => {
            const from = holding([serialId("t")]);
            const added = column("t", "note", "character varying", { length: "20", nullable: false, default: `''`, comment: "a note" });
            const ops: Op[] = [{ kind: "addColumn", column: added, ...meta }];
            expect(sqlOf(from, ops)).to.deep.equal([
                `ALTER TABLE "public"."t" ADD "note" character varying(20) NOT NULL DEFAULT ''`,
                `COMMENT ON COLUMN "public"."t"."note" IS 'a note'`,
            ]);
            expect(downSqlOf(from, ops)).to.deep.equal([`ALTER TABLE "public"."t" DROP COLUMN "note"`]);
        });
    });

    describe("alterColumn", () => {
        const title = column("post", "title", "character varying", { length: "200", nullable: false });

        it("changes a type in place with USING, never DROP + ADD: varchar(200) → varchar(250), int → bigint, text → varchar", () => {
            expect(alterSql(title, { ...title, length: "250" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "title" TYPE character varying(250) USING "title"::character varying(250)`,
            ]);
            const count = column("post", "count", "integer");
            expect(alterSql(count, { ...count, type: "bigint" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "count" TYPE bigint USING "count"::bigint`,
            ]);
            const body = column("post", "body", "text");
            expect(alterSql(body, { ...body, type: "character varying", length: "100" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "body" TYPE character varying(100) USING "body"::character varying(100)`,
            ]);
        });

        it("drops a default around a type change and sets the new one after; varchar → enum casts through text", () => {
            const kind = column("post", "kind", "character varying", { default: `'a'` });
            const after = enumColumn("post", "kind", enumType("post_kind_enum", ["a", "b"]), { default: `'b'` });
            expect(alterSql(kind, after)).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "kind" DROP DEFAULT`,
                `ALTER TABLE "public"."post" ALTER COLUMN "kind" TYPE "public"."post_kind_enum" USING "kind"::text::"public"."post_kind_enum"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "kind" SET DEFAULT 'b'`,
            ]);
        });

        it("moves an enum column to another enum type, re-making the predicates typed with the old one", () => {
            const before = enumColumn("post", "s", enumType("old_enum", ["a", "b"]));
            const after = enumColumn("post", "s", enumType("new_enum", ["a", "b"]));
            const parts = { checks: [check("post", "CHK_s", `"s" <> 'b'`)] };
            expect(alterSql(before, after, parts)).to.deep.equal([
                `ALTER TABLE "public"."post" DROP CONSTRAINT "CHK_s"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "s" TYPE "public"."new_enum" USING "s"::text::"public"."new_enum"`,
                `ALTER TABLE "public"."post" ADD CONSTRAINT "CHK_s" CHECK ("s" <> 'b')`,
            ]);
        });

        it("writes nothing for an enum column whose values alone change (alterEnum does that)", () => {
            const before = enumColumn("post", "s", enumType("e", ["a"]));
            expect(alterSql(before, { ...before, enum: ["a", "b"] })).to.deep.equal([]);
        });

        it("turns a scalar into a one-element array and an array into its first element", () => {
            const tag = column("post", "tag", "text");
            expect(alterSql(tag, { ...tag, array: true })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "tag" TYPE text[] USING CASE WHEN "tag" IS NULL THEN NULL ELSE ARRAY["tag"::text] END`,
            ]);
            expect(alterSql({ ...tag, array: true }, tag)).to.deep.equal([`ALTER TABLE "public"."post" ALTER COLUMN "tag" TYPE text USING "tag"[1]::text`]);
        });

        it("sets a default and fills the NULLs with it before NOT NULL, drops NOT NULL and defaults, sets and removes comments", () => {
            const bio = column("post", "bio", "text");
            expect(alterSql(bio, { ...bio, nullable: false, default: `'it''s'`, comment: "O'Reilly" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "bio" SET DEFAULT 'it''s'`,
                `UPDATE "public"."post" SET "bio" = 'it''s' WHERE "bio" IS NULL`,
                `ALTER TABLE "public"."post" ALTER COLUMN "bio" SET NOT NULL`,
                `COMMENT ON COLUMN "public"."post"."bio" IS 'O''Reilly'`,
            ]);
            expect(alterSql({ ...bio, nullable: false, default: "now()", comment: "c" }, bio)).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "bio" DROP DEFAULT`,
                `ALTER TABLE "public"."post" ALTER COLUMN "bio" DROP NOT NULL`,
                `COMMENT ON COLUMN "public"."post"."bio" IS NULL`,
            ]);
        });

        it("changes a collation with the full type kept (TYPE alone would reset it), back to the default with pg_catalog.default", () => {
            expect(alterSql(title, { ...title, collation: "C" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "title" TYPE character varying(200) COLLATE "C"`,
            ]);
            expect(alterSql({ ...title, collation: "C" }, title)).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "title" TYPE character varying(200) COLLATE pg_catalog."default"`,
            ]);
            expect(alterSql({ ...title, collation: "C" }, { ...title, collation: "C", length: "300" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "title" TYPE character varying(300) COLLATE "C" USING "title"::character varying(300)`,
            ]);
        });

        it("makes a column SERIAL the way SERIAL does, continuing after the rows; and plain again", () => {
            const plain = column("post", "id", "integer", { nullable: false });
            const serial = { ...plain, generated: "increment" as const };
            expect(alterSql(plain, serial)).to.deep.equal([
                `CREATE SEQUENCE "public"."post_id_seq" AS integer OWNED BY "public"."post"."id"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "id" SET DEFAULT nextval('"public"."post_id_seq"'::regclass)`,
                `SELECT setval('"public"."post_id_seq"', GREATEST(COALESCE(MAX("id"), 0), 0) + 1, false) FROM "public"."post"`,
            ]);
            expect(alterSql(serial, plain)).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "id" DROP DEFAULT`,
                `DROP SEQUENCE "public"."post_id_seq"`,
            ]);
        });

        it("widens a SERIAL column's sequence with it (an identity sequence follows by itself)", () => {
            const serial = serialId("post");
            expect(alterSql(serial, { ...serial, type: "bigint" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "id" TYPE bigint USING "id"::bigint`,
                `ALTER SEQUENCE "public"."post_id_seq" AS bigint`,
            ]);
            const identity = column("post", "id", "integer", { nullable: false, generated: "identity", identity: "ALWAYS" });
            expect(alterSql(identity, { ...identity, type: "bigint" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "id" TYPE bigint USING "id"::bigint`,
            ]);
        });

        it("adds, re-kinds and drops identity; SERIAL → identity drops the sequence first", () => {
            const plain = column("post", "id", "integer", { nullable: false, default: `'0'` });
            const identity = { ...plain, default: null, generated: "identity" as const, identity: "BY DEFAULT" as const };
            expect(alterSql(plain, identity)).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "id" DROP DEFAULT`,
                `ALTER TABLE "public"."post" ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY`,
                `SELECT setval(pg_get_serial_sequence('"public"."post"', 'id'), GREATEST(COALESCE(MAX("id"), 0), 0) + 1, false) FROM "public"."post"`,
            ]);
            expect(alterSql(identity, { ...identity, identity: "ALWAYS" })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "id" SET GENERATED ALWAYS`,
            ]);
            expect(alterSql(identity, { ...plain, nullable: true, default: null })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "id" DROP IDENTITY`,
                `ALTER TABLE "public"."post" ALTER COLUMN "id" DROP NOT NULL`,
            ]);
            expect(alterSql(serialId("post"), { ...identity, primary: true })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "id" DROP DEFAULT`,
                `DROP SEQUENCE "public"."post_id_seq"`,
                `ALTER TABLE "public"."post" ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY`,
                `SELECT setval(pg_get_serial_sequence('"public"."post"', 'id'), GREATEST(COALESCE(MAX("id"), 0), 0) + 1, false) FROM "public"."post"`,
            ]);
        });

        it("drops the uuid generator when a column stops being generated, whether or not the model spelled it out", () => {
            const uuid = column("post", "id", "uuid", { nullable: false, generated: "uuid" });
            expect(alterSql(uuid, { ...uuid, generated: null })).to.deep.equal([`ALTER TABLE "public"."post" ALTER COLUMN "id" DROP DEFAULT`]);
            expect(alterSql({ ...uuid, default: "uuid_generate_v4()" }, uuid)).to.deep.equal([]);
        });

        it("keeps a computed column's values as plain data with DROP EXPRESSION", () => {
            const computed = column("post", "twice", "integer", { asExpression: `"n" * 2`, generatedType: "STORED" });
            expect(alterSql(computed, { ...computed, asExpression: null, generatedType: null, nullable: false })).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "twice" DROP EXPRESSION`,
                `ALTER TABLE "public"."post" ALTER COLUMN "twice" SET NOT NULL`,
            ]);
        });

        it("re-adds a column whose expression changes, taking down and putting back what uses it (predicates too)", () => {
            const computed = column("post", "twice", "integer", { asExpression: `"n" * 2`, generatedType: "STORED", comment: "twice n" });
            const parts = {
                indexes: [index("post", "IDX_twice", ["twice"]), index("post", "IDX_other", ["n"]), index("post", "IDX_some", ["n"], { where: `"twice" > 0` })],
                uniques: [unique("post", "UQ_twice", ["n", "twice"])],
                checks: [check("post", "CHK_twice", `"twice" >= 0`)],
                foreignKeys: [foreignKey("post", "FK_twice", ["twice"], "other")],
            };
            expect(alterSql(computed, { ...computed, asExpression: `"n" * 3` }, parts)).to.deep.equal([
                `ALTER TABLE "public"."post" DROP CONSTRAINT "FK_twice"`,
                `ALTER TABLE "public"."post" DROP CONSTRAINT "CHK_twice"`,
                `ALTER TABLE "public"."post" DROP CONSTRAINT "UQ_twice"`,
                `DROP INDEX "public"."IDX_twice"`,
                `DROP INDEX "public"."IDX_some"`,
                `ALTER TABLE "public"."post" DROP COLUMN "twice"`,
                `ALTER TABLE "public"."post" ADD "twice" integer GENERATED ALWAYS AS ("n" * 3) STORED`,
                `COMMENT ON COLUMN "public"."post"."twice" IS 'twice n'`,
                `ALTER TABLE "public"."post" ADD CONSTRAINT "UQ_twice" UNIQUE ("n", "twice")`,
                `ALTER TABLE "public"."post" ADD CONSTRAINT "CHK_twice" CHECK ("twice" >= 0)`,
                `CREATE INDEX "IDX_twice" ON "public"."post" ("twice")`,
                `CREATE INDEX "IDX_some" ON "public"."post" ("n") WHERE "twice" > 0`,
                `ALTER TABLE "public"."post" ADD CONSTRAINT "FK_twice" FOREIGN KEY ("twice") REFERENCES "public"."other"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
            ]);
        });

        it("is undone by the same emitter on the swapped op", () => {
            const from = holding([title]);
            const ops = [alter(title, { ...title, length: "250", nullable: true })];
            expect(downSqlOf(from, ops)).to.deep.equal([
                `ALTER TABLE "public"."post" ALTER COLUMN "title" TYPE character varying(200) USING "title"::character varying(200)`,
                `ALTER TABLE "public"."post" ALTER COLUMN "title" SET NOT NULL`,
            ]);
        });
    });

    describe("constraints", () => {
        const from = holding([serialId("t"), column("t", "a", "integer"), column("t", "b", "integer")]);

        it("adds and drops primary keys, uniques and checks by name", () => {
            const ops: Op[] = [
                { kind: "addPrimaryKey", primaryKey: primaryKey("t", ["id", "a"], "PK_t"), ...meta },
                { kind: "addUnique", unique: unique("t", `UQ_"t"`, ["a", "b"]), ...meta },
                { kind: "addCheck", check: check("t", "CHK_t", `"a" <> 'x''y'`), ...meta },
            ];
            expect(sqlOf(from, ops)).to.deep.equal([
                `ALTER TABLE "public"."t" ADD CONSTRAINT "PK_t" PRIMARY KEY ("id", "a")`,
                `ALTER TABLE "public"."t" ADD CONSTRAINT "UQ_""t""" UNIQUE ("a", "b")`,
                `ALTER TABLE "public"."t" ADD CONSTRAINT "CHK_t" CHECK ("a" <> 'x''y')`,
            ]);
            expect(downSqlOf(from, ops)).to.deep.equal([
                `ALTER TABLE "public"."t" DROP CONSTRAINT "CHK_t"`,
                `ALTER TABLE "public"."t" DROP CONSTRAINT "UQ_""t"""`,
                `ALTER TABLE "public"."t" DROP CONSTRAINT "PK_t"`,
            ]);
        });

        it("adds a foreign key across schemas with its actions and deferrability; drops it", () => {
            const fk = foreignKey("t", "FK_t_a", ["a", "b"], "parent", {
                referencedSchema: "other",
                referencedColumns: ["x", "y"],
                onDelete: "CASCADE",
                onUpdate: "SET NULL",
                deferrable: "INITIALLY IMMEDIATE",
            });
            const ops: Op[] = [{ kind: "addForeignKey", foreignKey: fk, ...meta }];
            expect(sqlOf(from, ops)).to.deep.equal([
                `ALTER TABLE "public"."t" ADD CONSTRAINT "FK_t_a" FOREIGN KEY ("a", "b") REFERENCES "other"."parent"("x", "y") ` +
                    `ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY IMMEDIATE`,
            ]);
            expect(downSqlOf(from, ops)).to.deep.equal([`ALTER TABLE "public"."t" DROP CONSTRAINT "FK_t_a"`]);
        });
    });

    describe("indexes", () => {
        const from = holding([column("t", "a", "integer"), column("t", "b", "jsonb"), column("t", "g", "geometry")]);
        const create = (...indexes: ReturnType<typeof index>[]): Op[] => indexes.map((i) => ({ kind: "createIndex", index: i, ...meta }));

        it("writes unique, partial, method and spatial (GiST) indexes; drops them in their schema", () => {
            const ops = create(
                index("t", "IDX_u", ["a"], { unique: true, where: `"a" > 0` }),
                index("t", "IDX_gin", ["b"], { type: "gin" }),
                index("t", "IDX_geo", ["g"], { spatial: true }),
            );
            expect(sqlOf(from, ops)).to.deep.equal([
                `CREATE UNIQUE INDEX "IDX_u" ON "public"."t" ("a") WHERE "a" > 0`,
                `CREATE INDEX "IDX_gin" ON "public"."t" USING gin ("b")`,
                `CREATE INDEX "IDX_geo" ON "public"."t" USING gist ("g")`,
            ]);
            expect(downSqlOf(from, ops)).to.deep.equal([`DROP INDEX "public"."IDX_geo"`, `DROP INDEX "public"."IDX_gin"`, `DROP INDEX "public"."IDX_u"`]);
        });

        it("marks CONCURRENTLY statements as impossible inside a transaction", () => {
            const ops = create(index("t", "IDX_c", ["a"], { concurrent: true }));
            expect(statementsOf(from, ops)).to.deep.equal([
                { sql: `CREATE INDEX CONCURRENTLY "IDX_c" ON "public"."t" ("a")`, transactional: false, refusedInTransaction: true },
            ]);
        });
    });

    describe("views and typeorm_metadata rows", () => {
        const view = { schema: "public", name: "v", expression: `SELECT 'it''s' AS "x"`, materialized: false, dependsOn: [] };
        const row: MetadataRow = { type: "VIEW", schema: "public", table: "", name: "v", value: view.expression };

        it("creates and drops plain and materialized views", () => {
            const ops: Op[] = [
                { kind: "createView", view, ...meta },
                { kind: "createView", view: { ...view, name: "m", materialized: true }, ...meta },
            ];
            expect(sqlOf(emptyPg, ops)).to.deep.equal([
                `CREATE VIEW "public"."v" AS SELECT 'it''s' AS "x"`,
                `CREATE MATERIALIZED VIEW "public"."m" AS SELECT 'it''s' AS "x"`,
            ]);
            expect(downSqlOf(emptyPg, ops)).to.deep.equal([`DROP MATERIALIZED VIEW "public"."m"`, `DROP VIEW "public"."v"`]);
        });

        it("creates the metadata table with the first row, and drops it with the last", () => {
            const generated: MetadataRow = { type: "GENERATED_COLUMN", schema: "public", table: "t", name: "twice", value: `"n" * 2` };
            const ops: Op[] = [
                { kind: "insertMetadataRow", row, ...meta },
                { kind: "insertMetadataRow", row: generated, ...meta },
            ];
            expect(sqlOf(emptyPg, ops)).to.deep.equal([
                `CREATE TABLE IF NOT EXISTS "public"."typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, ` +
                    `"schema" character varying, "table" character varying, "name" character varying, "value" text)`,
                `INSERT INTO "public"."typeorm_metadata" ("database", "schema", "table", "type", "name", "value") ` +
                    `VALUES (NULL, 'public', NULL, 'VIEW', 'v', 'SELECT ''it''''s'' AS "x"')`,
                `INSERT INTO "public"."typeorm_metadata" ("database", "schema", "table", "type", "name", "value") ` +
                    `VALUES (current_database(), 'public', 't', 'GENERATED_COLUMN', 'twice', '"n" * 2')`,
            ]);
            expect(downSqlOf(emptyPg, ops)).to.deep.equal([
                `DELETE FROM "public"."typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "schema" = 'public' AND "table" = 't' AND "name" = 'twice'`,
                `DELETE FROM "public"."typeorm_metadata" WHERE "type" = 'VIEW' AND "schema" = 'public' AND "table" IS NULL AND "name" = 'v'`,
                `DROP TABLE IF EXISTS "public"."typeorm_metadata"`,
            ]);
        });

        it("keeps the table when the migration puts a row back (a changed view is deleted, then inserted)", () => {
            const changed = { ...row, value: "SELECT 2" };
            const ops: Op[] = [
                { kind: "deleteMetadataRow", row, ...meta },
                { kind: "insertMetadataRow", row: changed, ...meta },
            ];
            const sql = sqlOf(pgSchema({ metadataRows: [row] }), ops);
            expect(sql[0]).to.match(/^DELETE FROM/);
            expect(sql.some((s) => s.startsWith("DROP TABLE"))).to.equal(false);
        });
    });

    describe("sequence names", () => {
        it("are <table>_<column>_seq, shortened within 63 bytes the way PostgreSQL shortens them", () => {
            expect(serialSequenceBareName("post", "id")).to.equal("post_id_seq");
            const long = serialSequenceBareName("a".repeat(70), "id");
            expect(long).to.equal(`${"a".repeat(56)}_id_seq`);
            expect(Buffer.byteLength(serialSequenceBareName("é".repeat(40), "ü".repeat(40)))).to.be.at.most(63);
        });
    });
});
