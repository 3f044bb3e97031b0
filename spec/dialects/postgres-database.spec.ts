import { expect } from "chai";
import { diff } from "../../lib/diff/diff";
import { invertOps } from "../../lib/diff/invert";
import type { Op } from "../../lib/diff/ops";
import type { Column, Schema } from "../../lib/schema/model";
import type { Catalog } from "../support/catalog/catalog";
import { diffCatalogs } from "../support/catalog/compare";
import { dumpPostgresCatalog } from "../support/catalog/postgres";
import {
    check,
    column,
    emptyPg,
    enumColumn,
    enumType,
    inSchema,
    index,
    PgScratch,
    pgSchema,
    primaryKey,
    serialId,
    statementsOf,
    table,
    unique,
} from "../support/pg-scratch";

// Each scenario steps a PostgreSQL schema from `start` to `end` with rows in it, on one database,
// and builds `end` from nothing on a second: the two catalogs must be equal (an ALTER leaves what a
// CREATE makes), the rows must survive, and the down must give `start`'s catalog back.

interface Scenario {
    readonly start: Schema;
    readonly end: Schema;
    /** Rows written at `start`. */
    readonly rows?: readonly string[];
    /** Checks at `end`, on the migrated database. */
    readonly verify?: (query: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<unknown>;
}

let counter = 0;

describe("postgres dialect on a real database: each ALTER builds what CREATE builds, keeps the rows, and is undone", () => {
    let migrated: PgScratch;
    let reference: PgScratch;

    before(async () => {
        migrated = await PgScratch.create();
        reference = await PgScratch.create();
    });

    after(async () => {
        await Promise.all([migrated?.dispose(), reference?.dispose()]);
    });

    /** Runs a scenario inside its own PostgreSQL schema `s<n>`. */
    async function run(scenario: Scenario): Promise<void> {
        const name = `s${++counter}`;
        const start = inSchema(scenario.start, name);
        const end = inSchema(scenario.end, name);
        const dump = (db: PgScratch) => dumpPostgresCatalog(db.client, { schemas: [name] });
        const compare = (a: Catalog, b: Catalog, labels: { a: string; b: string }) => expect(diffCatalogs(a, b, labels)).to.deep.equal([]);

        const base = emptyPg;
        await migrated.migrate(base, diff(base, start));
        const startCatalog = await dump(migrated);
        await migrated.run((scenario.rows ?? []).map((sql) => ({ sql: sql.replaceAll("$s", `"${name}"`) })));

        const up = diff(start, end);
        await migrated.migrate(start, up);
        await reference.migrate(base, diff(base, end));
        compare(await dump(reference), await dump(migrated), { a: "created", b: "altered" });
        await scenario.verify?.((sql) => migrated.query(sql.replaceAll("$s", `"${name}"`)));

        await migrated.migrate(end, invertOps(up));
        compare(startCatalog, await dump(migrated), { a: "start", b: "after down" });
    }

    const ids = (rows: Record<string, unknown>[]) => rows.map((row) => String(row.id));

    describe("generation: SERIAL, identity, uuid", () => {
        const plainId = column("t", "id", "integer", { nullable: false, primary: true });
        const withId = (id: Column, ...more: Column[]) =>
            pgSchema({ tables: [table("t")], columns: [id, column("t", "v", "text"), ...more], primaryKeys: [primaryKey("t", ["id"])] });

        it("plain integer → SERIAL: a sequence named as SERIAL names it, continuing after the rows", async () => {
            await run({
                start: withId(plainId),
                end: withId(serialId("t")),
                rows: [`INSERT INTO $s."t" ("id", "v") VALUES (5, 'five'), (7, 'seven')`],
                verify: async (query) => {
                    expect(ids(await query(`INSERT INTO $s."t" ("v") VALUES ('next') RETURNING "id"`))).to.deep.equal(["8"]);
                },
            });
        });

        it("SERIAL → identity ALWAYS, continuing after the rows", async () => {
            await run({
                start: withId(serialId("t")),
                end: withId({ ...plainId, generated: "identity", identity: "ALWAYS" }),
                rows: [`INSERT INTO $s."t" ("v") VALUES ('a'), ('b'), ('c')`],
                verify: async (query) => {
                    expect(ids(await query(`INSERT INTO $s."t" ("v") VALUES ('d') RETURNING "id"`))).to.deep.equal(["4"]);
                },
            });
        });

        it("identity integer → SERIAL bigint", async () => {
            await run({
                start: withId({ ...plainId, generated: "identity", identity: "BY DEFAULT" }),
                end: withId(serialId("t", { type: "bigint" })),
                rows: [`INSERT INTO $s."t" ("v") VALUES ('a'), ('b')`],
                verify: async (query) => {
                    expect(ids(await query(`INSERT INTO $s."t" ("v") VALUES ('c') RETURNING "id"`))).to.deep.equal(["3"]);
                },
            });
        });

        it("SERIAL → plain integer with a default", async () => {
            await run({
                start: withId(serialId("t")),
                end: withId({ ...plainId, default: "0" }),
                rows: [`INSERT INTO $s."t" ("v") VALUES ('a')`],
            });
        });

        it("SERIAL integer → bigint on a table whose name PostgreSQL shortens for the sequence (multi-byte too)", async () => {
            const long = `tåble_${"x".repeat(60)}`;
            const schemaOf = (type: string) =>
                pgSchema({
                    tables: [table(long)],
                    columns: [serialId(long, { type, name: `ïd_${"y".repeat(30)}` })],
                    primaryKeys: [primaryKey(long, [`ïd_${"y".repeat(30)}`])],
                });
            await run({ start: schemaOf("integer"), end: schemaOf("bigint"), rows: [`INSERT INTO $s."${long}" DEFAULT VALUES`] });
        });

        it("generated uuid → plain uuid, and plain → generated", async () => {
            const uuid = column("t", "u", "uuid", { nullable: false, generated: "uuid", default: "gen_random_uuid()" });
            const plain = { ...uuid, generated: null, default: null };
            await run({ start: withId(serialId("t"), uuid), end: withId(serialId("t"), plain), rows: [`INSERT INTO $s."t" ("v") VALUES ('a')`] });
            await run({ start: withId(serialId("t"), plain), end: withId(serialId("t"), uuid) });
        });
    });

    describe("types, in place", () => {
        const of = (...columns: Column[]) => pgSchema({ tables: [table("t")], columns: [serialId("t"), ...columns], primaryKeys: [primaryKey("t", ["id"])] });

        it("computed → plain keeps the values; plain → computed re-adds it with its index and unique", async () => {
            const n = column("t", "n", "integer");
            const computed = column("t", "twice", "integer", { asExpression: `"n" * 2`, generatedType: "STORED" });
            const members = { indexes: [index("t", "IDX_twice", ["twice"])], uniques: [unique("t", "UQ_twice", ["n", "twice"])] };
            await run({
                start: { ...of(n, computed), ...members },
                end: { ...of(n, { ...computed, asExpression: null, generatedType: null }), ...members },
                rows: [`INSERT INTO $s."t" ("n") VALUES (1), (2)`],
                verify: async (query) => expect(await query(`SELECT "twice" FROM $s."t" ORDER BY "id"`)).to.deep.equal([{ twice: 2 }, { twice: 4 }]),
            });
            await run({
                start: { ...of(n, computed), ...members },
                end: { ...of(n, { ...computed, asExpression: `"n" * 3` }), ...members },
                rows: [`INSERT INTO $s."t" ("n") VALUES (1), (2)`],
                verify: async (query) => expect(await query(`SELECT "twice" FROM $s."t" ORDER BY "id"`)).to.deep.equal([{ twice: 3 }, { twice: 6 }]),
            });
        });

        it("scalar → array keeps each value as a one-element array (NULL stays NULL)", async () => {
            const tag = column("t", "tag", "character varying", { length: "20" });
            await run({
                start: of(tag),
                end: of({ ...tag, array: true }),
                rows: [`INSERT INTO $s."t" ("tag") VALUES ('a'), (NULL)`],
                verify: async (query) => expect(await query(`SELECT "tag" FROM $s."t" ORDER BY "id"`)).to.deep.equal([{ tag: ["a"] }, { tag: null }]),
            });
        });

        it("length, collation, NOT NULL and default together; numeric precision; timestamp precision", async () => {
            await run({
                start: of(
                    column("t", "name", "character varying", { length: "50" }),
                    column("t", "price", "numeric", { precision: 8, scale: 2 }),
                    column("t", "at", "timestamp with time zone", { precision: 6 }),
                ),
                end: of(
                    column("t", "name", "character varying", { length: "80", collation: "C", nullable: false, default: `'x'` }),
                    column("t", "price", "numeric", { precision: 12, scale: 3 }),
                    column("t", "at", "timestamp with time zone", { precision: 3, default: "now()" }),
                ),
                rows: [`INSERT INTO $s."t" ("name", "price") VALUES ('kept', 12.5)`],
                verify: async (query) => expect(await query(`SELECT "name", "price" FROM $s."t"`)).to.deep.equal([{ name: "kept", price: "12.500" }]),
            });
        });
    });

    describe("enum types", () => {
        const status = enumType("status", ["draft", "published"]);
        const withStatus = (values: readonly string[], defaults: string, extra: Partial<Schema> = {}) => {
            const type = { ...status, values };
            return pgSchema({
                enums: [type],
                tables: [table("post"), table("archive")],
                columns: [
                    serialId("post"),
                    enumColumn("post", "status", type, { nullable: false, default: defaults }),
                    serialId("archive"),
                    enumColumn("archive", "statuses", type, { array: true }),
                ],
                primaryKeys: [primaryKey("post", ["id"]), primaryKey("archive", ["id"])],
                ...extra,
            });
        };
        const predicates: Partial<Schema> = {
            indexes: [index("post", "IDX_published", ["id"], { where: `"status" = 'published'` })],
            checks: [check("post", "CHK_status", `"status" <> 'draft' OR "id" > 0`)],
        };

        it("values added before, between and after, unused: ADD VALUE inside the transaction, in CREATE TYPE's order", async () => {
            const after = ["first", "draft", "middle", "published", "last"];
            const up = diff(withStatus(status.values, `'draft'`), withStatus(after, `'draft'`));
            expect(statementsOf(withStatus(status.values, `'draft'`), up).filter((s) => s.sql.includes("ADD VALUE"))).to.have.length(3);
            await run({
                start: withStatus(status.values, `'draft'`, predicates),
                end: withStatus(after, `'draft'`, predicates),
                rows: [`INSERT INTO $s."post" ("status") VALUES ('published')`, `INSERT INTO $s."archive" ("statuses") VALUES ('{draft,published}')`],
            });
        });

        it("a new value used as a default in the same migration: the type is rebuilt, all in one transaction", async () => {
            await run({
                start: withStatus(status.values, `'draft'`, predicates),
                end: withStatus(["draft", "review", "published"], `'review'`, predicates),
                rows: [`INSERT INTO $s."post" ("status") VALUES ('published')`],
                verify: async (query) => {
                    expect(await query(`INSERT INTO $s."post" DEFAULT VALUES RETURNING "status"`)).to.deep.equal([{ status: "review" }]);
                    await query(`DELETE FROM $s."post" WHERE "status" = 'review'`);
                },
            });
        });

        it("values removed and reordered with rows, arrays, a default, a partial index and a check naming them", async () => {
            await run({
                start: withStatus(["draft", "archived", "published"], `'archived'`, predicates),
                end: withStatus(["published", "draft"], `'draft'`, predicates),
                rows: [
                    `INSERT INTO $s."post" ("status") VALUES ('published'), ('draft')`,
                    `INSERT INTO $s."archive" ("statuses") VALUES ('{published,draft}'), (NULL)`,
                ],
                verify: async (query) => {
                    expect(await query(`SELECT "status" FROM $s."post" ORDER BY "status"`)).to.deep.equal([{ status: "published" }, { status: "draft" }]);
                    expect(await query(`SELECT "statuses" FROM $s."archive" ORDER BY "id"`)).to.deep.equal([
                        { statuses: "{published,draft}" },
                        { statuses: null },
                    ]);
                },
            });
        });

        it("a varchar column with a default becomes an enum column through text", async () => {
            const type = enumType("kind_enum", ["a", "b"]);
            const start = pgSchema({
                tables: [table("t")],
                primaryKeys: [primaryKey("t", ["id"])],
                columns: [serialId("t"), column("t", "kind", "character varying", { length: "10", default: `'a'` })],
            });
            const end = { ...start, enums: [type], columns: [serialId("t"), enumColumn("t", "kind", type, { default: `'b'` })] };
            await run({ start, end, rows: [`INSERT INTO $s."t" ("kind") VALUES ('a'), ('b')`] });
        });
    });

    describe("names holding quotes, comments with quotes and backslashes", () => {
        it("creates, alters and drops them", async () => {
            const mood = enumType(`mo"od`, ["ok", "it's"]);
            const t = `my"table`;
            const start = pgSchema({
                enums: [mood],
                tables: [table(t, { comment: `it's "the" table \\o/` })],
                columns: [
                    serialId(t, { name: `i"d` }),
                    column(t, `co"l`, "character varying", { length: "20", default: `'it''s'`, comment: `C:\\dir's` }),
                    enumColumn(t, "mood", mood, { default: `'it''s'` }),
                ],
                primaryKeys: [primaryKey(t, [`i"d`], `PK_"t"`)],
                uniques: [unique(t, `UQ_"t"`, [`co"l`])],
                indexes: [index(t, `IDX_"t"`, ["mood"], { where: `"mood" = 'it''s'` })],
            });
            const end = {
                ...start,
                enums: [{ ...mood, values: ["ok"] }],
                tables: [table(t, { comment: `now it's \\n not a newline` })],
                columns: [
                    start.columns[0],
                    { ...start.columns[1], length: "40", comment: null },
                    enumColumn(t, "mood", { ...mood, values: ["ok"] }, { default: `'ok'` }),
                ],
                indexes: [],
            };
            await run({
                start,
                end,
                rows: [`INSERT INTO $s."my""table" ("co""l", "mood") VALUES ('kept', 'ok')`],
                verify: async (query) => {
                    expect(await query(`SELECT obj_description('$s."my""table"'::regclass, 'pg_class') AS c`)).to.deep.equal([
                        { c: `now it's \\n not a newline` },
                    ]);
                },
            });
        });
    });

    describe("statements outside a transaction, views", () => {
        it("a CONCURRENTLY index runs outside the migration's transaction; a materialized view is created and dropped", async () => {
            const start = pgSchema({ tables: [table("t")], columns: [serialId("t")], primaryKeys: [primaryKey("t", ["id"])] });
            const end = {
                ...start,
                indexes: [index("t", "IDX_c", ["id"], { concurrent: true })],
                views: [{ schema: "public", name: "m", expression: "SELECT 1 AS one", materialized: true, dependsOn: [] }],
            };
            const up: Op[] = diff(start, end);
            expect(statementsOf(start, up).some((s) => s.transactional === false)).to.equal(true);
            await run({ start, end });
        });
    });
});
