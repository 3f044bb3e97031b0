import { expect } from "chai";
import type { AlterColumnOp, Op } from "../../lib/diff/ops";
import type { DialectModule } from "../../lib/dialects/dialect";
import { lockClassOf } from "../../lib/dialects/locks";
import { mariadbDialect, mysqlDialect } from "../../lib/dialects/mysql";
import { postgresDialect } from "../../lib/dialects/postgres";
import { sqliteDialect } from "../../lib/dialects/sqlite";
import { blockingOps, describeLock, lockReport } from "../../lib/render/lock-report";
import { renderMigrationFile } from "../../lib/render/migration-file";
import type { Column } from "../../lib/schema/model";
import { column, index, table } from "../support/model-builders";

const dialects: readonly DialectModule[] = [postgresDialect, mysqlDialect, mariadbDialect, sqliteDialect];
const base = { reasons: ["spec"], risk: "safe" } as const;

const title = (over: Partial<Column> = {}) => column({ schema: "public", table: "post", name: "title", type: "character varying", length: "100", ...over });
const alter = (before: Column, after: Column): AlterColumnOp => ({ ...base, kind: "alterColumn", before, after });
const createIndex: Op = { ...base, kind: "createIndex", index: index({ schema: "public", table: "post", name: "IDX_post_title", columns: ["title"] }) };
const offline = { online: false };
const online = { online: true };

describe("lock report", () => {
    it("every dialect's lock table has a lock class for every op kind the emitters know (a new op kind without one fails here)", () => {
        for (const dialect of dialects) {
            expect(Object.keys(dialect.locks).sort(), dialect.variant).to.deep.equal(Object.keys(dialect.emitters).sort());
            for (const rule of Object.values(dialect.locks)) expect(rule).to.be.a("function");
        }
    });

    describe("PostgreSQL", () => {
        it("CREATE INDEX takes SHARE and blocks writes for the build; --online builds it CONCURRENTLY under SHARE UPDATE EXCLUSIVE", () => {
            const plain = lockClassOf(postgresDialect.locks, createIndex, offline);
            expect(plain).to.include({ lock: "SHARE", scans: true, rewrites: false, blocking: true });
            expect(plain.advice).to.match(/^generate --online: CREATE INDEX CONCURRENTLY/);
            expect(lockClassOf(postgresDialect.locks, createIndex, online)).to.deep.equal({
                lock: "SHARE UPDATE EXCLUSIVE (CONCURRENTLY)",
                scans: true,
                rewrites: false,
                blocking: false,
                advice: null,
            });
        });

        it("a type change rewrites the table under ACCESS EXCLUSIVE, even online, and says how to do it in steps", () => {
            const lock = lockClassOf(postgresDialect.locks, alter(title(), title({ type: "integer", length: "" })), online);
            expect(lock).to.include({ lock: "ACCESS EXCLUSIVE (type change)", scans: true, rewrites: true, blocking: true });
            expect(lock.advice).to.include("expand").and.to.include("backfill").and.to.include("contract");
        });

        it("widening a varchar, or making it text, changes only the catalog", () => {
            for (const after of [title({ length: "200" }), title({ type: "text", length: "" }), title({ length: "" })]) {
                expect(lockClassOf(postgresDialect.locks, alter(title(), after), offline)).to.include({
                    lock: "ACCESS EXCLUSIVE",
                    scans: false,
                    blocking: false,
                });
            }
            expect(lockClassOf(postgresDialect.locks, alter(title(), title({ length: "50" })), offline)).to.include({ rewrites: true, blocking: true });
        });

        it("SET NOT NULL scans under ACCESS EXCLUSIVE (online: a validated check); SET DEFAULT and DROP NOT NULL do not scan", () => {
            const notNull = alter(title({ nullable: true }), title());
            expect(lockClassOf(postgresDialect.locks, notNull, offline)).to.include({
                lock: "ACCESS EXCLUSIVE, SET NOT NULL scans",
                scans: true,
                blocking: true,
            });
            expect(lockClassOf(postgresDialect.locks, notNull, online)).to.include({ scans: true, blocking: false });
            expect(lockClassOf(postgresDialect.locks, alter(title(), title({ default: "'x'" })), offline)).to.include({ scans: false, blocking: false });
            expect(lockClassOf(postgresDialect.locks, alter(title(), title({ nullable: true })), offline)).to.include({ scans: false, blocking: false });
        });

        it("foreign keys, checks and uniques scan offline and validate under SHARE UPDATE EXCLUSIVE online", () => {
            const fk: Op = {
                ...base,
                kind: "addForeignKey",
                foreignKey: {
                    schema: "public",
                    table: "post",
                    name: "FK_post_author",
                    columns: ["authorId"],
                    referencedSchema: "public",
                    referencedTable: "author",
                    referencedColumns: ["id"],
                    onDelete: "NO ACTION",
                    onUpdate: "NO ACTION",
                    deferrable: null,
                },
            };
            expect(lockClassOf(postgresDialect.locks, fk, offline)).to.include({
                lock: "SHARE ROW EXCLUSIVE on both tables, scans to validate",
                blocking: true,
            });
            expect(lockClassOf(postgresDialect.locks, fk, online)).to.include({ blocking: false });
            const unique: Op = {
                ...base,
                kind: "addUnique",
                unique: { schema: "public", table: "post", name: "UQ_post_title", columns: ["title"], deferrable: null },
            };
            expect(lockClassOf(postgresDialect.locks, unique, offline)).to.include({ blocking: true });
            expect(lockClassOf(postgresDialect.locks, unique, online)).to.include({ blocking: false });
        });

        it("a column with a per-row default (SERIAL, uuid) rewrites the table; a constant default does not", () => {
            const add = (c: Column): Op => ({ ...base, kind: "addColumn", column: c });
            expect(lockClassOf(postgresDialect.locks, add(title({ nullable: true })), offline)).to.include({ blocking: false, rewrites: false });
            expect(lockClassOf(postgresDialect.locks, add(title({ default: "'x'" })), offline)).to.include({ blocking: false, rewrites: false });
            expect(lockClassOf(postgresDialect.locks, add(title({ type: "uuid", default: "uuid_generate_v4()" })), offline)).to.include({
                rewrites: true,
                blocking: true,
            });
        });
    });

    describe("MySQL and MariaDB", () => {
        const mysqlTitle = (over: Partial<Column> = {}) => column({ schema: "", table: "post", name: "title", type: "varchar", length: "60", ...over });

        it("ADD COLUMN is INSTANT; a type change copies the table; CREATE INDEX goes on with writes (INPLACE, LOCK=NONE)", () => {
            for (const dialect of [mysqlDialect, mariadbDialect]) {
                const add: Op = { ...base, kind: "addColumn", column: mysqlTitle({ nullable: true }) };
                expect(lockClassOf(dialect.locks, add, offline)).to.deep.equal({
                    lock: "ALGORITHM=INSTANT",
                    scans: false,
                    rewrites: false,
                    blocking: false,
                    advice: null,
                });
                const retype = lockClassOf(dialect.locks, alter(mysqlTitle(), mysqlTitle({ type: "int", length: "" })), offline);
                expect(retype).to.include({ lock: "ALGORITHM=COPY, LOCK=SHARED (reads only)", rewrites: true, blocking: true });
                expect(retype.advice).to.include("expand");
                expect(lockClassOf(dialect.locks, createIndex, offline)).to.include({ lock: "ALGORITHM=INPLACE, LOCK=NONE", blocking: false });
            }
        });

        it("a column with an expression default is copied (MariaDB refuses INSTANT for it); a constant default stays INSTANT", () => {
            for (const dialect of [mysqlDialect, mariadbDialect]) {
                const withExpression: Op = { ...base, kind: "addColumn", column: mysqlTitle({ type: "varchar", length: "36", default: "(UUID())" }) };
                expect(lockClassOf(dialect.locks, withExpression, offline)).to.include({ rewrites: true, blocking: true });
                const withConstant: Op = { ...base, kind: "addColumn", column: mysqlTitle({ default: "'draft'" }) };
                expect(lockClassOf(dialect.locks, withConstant, offline)).to.include({ lock: "ALGORITHM=INSTANT", blocking: false });
            }
        });

        it("a VARCHAR grows in place while its length prefix stays one byte; past 255 bytes it is copied", () => {
            expect(lockClassOf(mysqlDialect.locks, alter(mysqlTitle(), mysqlTitle({ length: "63" })), offline)).to.include({ blocking: false });
            expect(lockClassOf(mysqlDialect.locks, alter(mysqlTitle(), mysqlTitle({ length: "64" })), offline)).to.include({ blocking: true });
        });
    });

    describe("SQLite", () => {
        it("a column change rebuilds the table under the database write lock; a nullable column is added in place", () => {
            const sqliteTitle = (over: Partial<Column> = {}) => column({ schema: "", table: "post", name: "title", type: "varchar", ...over });
            const rebuild = lockClassOf(sqliteDialect.locks, alter(sqliteTitle(), sqliteTitle({ nullable: true })), offline);
            expect(rebuild).to.include({ lock: "database write lock (table rebuilt)", rewrites: true, blocking: true });
            const add: Op = { ...base, kind: "addColumn", column: sqliteTitle({ nullable: true }) };
            expect(lockClassOf(sqliteDialect.locks, add, offline)).to.include({ lock: "database write lock", blocking: false });
        });
    });

    describe("the migration file's header", () => {
        const file = (online: boolean) =>
            renderMigrationFile({
                header: { revision: "rev00001", parents: [], bind: "default", message: "x" },
                className: "X1764000000000",
                up: [{ op: createIndex, statements: [{ sql: 'CREATE INDEX "IDX_post_title" ON "public"."post" ("title")' }] }],
                down: [],
                locks: lockReport(postgresDialect, [createIndex], { online }),
            });

        it("lists the ops that block writes, with their lock and what to do instead", () => {
            expect(file(false)).to.include(
                [
                    " *",
                    " * BLOCKS WRITES: these ops make writes to their table wait while it is scanned, rewritten or indexed.",
                    " *   - createIndex: spec",
                    " *     lock: SHARE; scans the table; BLOCKS WRITES",
                    " *     instead: generate --online: CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: writes go on during the build)",
                    " */",
                ].join("\n"),
            );
        });

        it("says nothing when nothing blocks (online forms, new tables), so such files are as before", () => {
            expect(file(true)).to.not.include("BLOCKS WRITES");
            const withoutLocks = renderMigrationFile({
                header: { revision: "rev00001", parents: [], bind: "default", message: "x" },
                className: "X1764000000000",
                up: [{ op: createIndex, statements: [{ sql: 'CREATE INDEX "IDX_post_title" ON "public"."post" ("title")' }] }],
                down: [],
            });
            expect(file(true)).to.equal(withoutLocks);
        });
    });

    describe("lockReport", () => {
        it("an op on a table the migration creates blocks nothing: the table is empty", () => {
            const create: Op = {
                ...base,
                kind: "createTable",
                definition: { table: table({ schema: "public", table: "post" }), columns: [title()], primaryKey: null, uniques: [], checks: [] },
            };
            const report = lockReport(postgresDialect, [create, createIndex]);
            expect(report.map(describeLock)).to.deep.equal(["ACCESS EXCLUSIVE", "SHARE; scans the table; new table: nothing to wait for"]);
            expect(blockingOps(report)).to.deep.equal([]);
            const alone = lockReport(postgresDialect, [createIndex]);
            expect(alone.map(describeLock)).to.deep.equal(["SHARE; scans the table; BLOCKS WRITES"]);
            expect(blockingOps(alone).map(({ op }) => op)).to.deep.equal([createIndex]);
            expect(lockReport(postgresDialect, [createIndex], { online: true }).map(describeLock)).to.deep.equal([
                "SHARE UPDATE EXCLUSIVE (CONCURRENTLY); scans the table",
            ]);
        });
    });
});
