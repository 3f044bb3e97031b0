import { expect } from "chai";
import type { Op } from "../../lib/diff/ops";
import { mariadbDialect, mysqlDialect } from "../../lib/dialects/mysql";
import { sqliteDialect } from "../../lib/dialects/sqlite";
import { assembleRevision } from "../../lib/generate/assemble-revision";
import { blockingOps, describeLock, lockReport } from "../../lib/render/lock-report";
import { renderStatements } from "../../lib/render/statements";
import { emptySchema, type Column, type Schema } from "../../lib/schema/model";
import { RevisionStore } from "../../lib/store/revision-store";
import { column, index, table } from "../support/model-builders";

// The lock report given the state the migration starts from (`start`): what each op runs there,
// on the table as it is then.

const meta = { reasons: ["spec"], risk: "safe" } as const;

describe("lock report from the migration's start", () => {
    describe("SQLite: a table changed by several ops is rebuilt once", () => {
        const col = (name: string, over: Partial<Column> = {}) => column({ schema: "", table: "item", name, type: "varchar", ...over });
        const id = col("id", { type: "integer", primary: true });
        const sku = col("sku", { length: "200" });
        const start: Schema = {
            ...emptySchema("sqlite", "", "0.3.20"),
            tables: [table({ schema: "", table: "item" })],
            columns: [id, sku],
            primaryKeys: [{ schema: "", table: "item", name: "PK_item", columns: ["id"] }],
        };
        const ops: Op[] = [
            { ...meta, kind: "alterColumn", before: sku, after: { ...sku, length: "100" } },
            { ...meta, kind: "addColumn", column: col("code", { default: "'x'" }) },
            { ...meta, kind: "createIndex", index: index({ schema: "", table: "item", name: "IDX_item_code", columns: ["code"] }) },
            { ...meta, kind: "alterColumn", before: id, after: { ...id, comment: "the key" } },
            { ...meta, kind: "addColumn", column: col("rank", { type: "integer", default: null }) },
        ];

        it("reports the rebuild at the op that runs it, and the table's other ops as done in it", () => {
            const report = lockReport(sqliteDialect, ops, { start });
            const statements = renderStatements(sqliteDialect, start, ops);
            const running = statements.findIndex((step) => step.statements.length > 0);
            expect(blockingOps(report).map(({ op }) => op)).to.deep.equal([ops[running]]);
            expect(describeLock(report[running])).to.equal("database write lock (table rebuilt); rewrites the table; BLOCKS WRITES");
            report.forEach((entry, i) => {
                if (i === running) return;
                expect(statements[i].statements, `op ${i}`).to.deep.equal([]);
                expect(entry.lock.blocking, `op ${i}`).to.equal(false);
            });
            expect(report[0].lock.lock).to.equal("none here: done with the table's other changes, under the last op that changes it");
        });

        it("a comment SQLite does not keep takes no lock, with or without the start", () => {
            expect(lockReport(sqliteDialect, [ops[3]])[0].lock).to.include({ lock: "none (SQLite keeps no comments)", blocking: false });
            expect(lockReport(sqliteDialect, [ops[3]], { start })[0].lock).to.include({ lock: "none (SQLite keeps no comments)", blocking: false });
        });

        it("a nullable column alone is added in place; an index built on a table that is not rebuilt is an index build", () => {
            const add: Op = { ...meta, kind: "addColumn", column: col("note", { nullable: true }) };
            const build: Op = { ...meta, kind: "createIndex", index: index({ schema: "", table: "item", name: "IDX_sku", columns: ["sku"] }) };
            expect(lockReport(sqliteDialect, [add, build], { start }).map(describeLock)).to.deep.equal([
                "database write lock",
                "database write lock (index built); scans the table; BLOCKS WRITES",
            ]);
        });
    });

    describe("MySQL and MariaDB: the table's FULLTEXT index, an indexed column, the engine", () => {
        const col = (name: string, over: Partial<Column> = {}) => column({ schema: "", table: "doc", name, type: "int", ...over });
        const body = col("body", { type: "varchar", length: "200" });
        const tag = col("tag", { nullable: true });
        const start: Schema = {
            ...emptySchema("mysql", "", "0.3.20"),
            tables: [table({ schema: "", table: "doc" })],
            columns: [col("id", { primary: true }), body, tag],
            primaryKeys: [{ schema: "", table: "doc", name: "PRIMARY", columns: ["id"] }],
            indexes: [index({ schema: "", table: "doc", name: "IDX_body", columns: ["body"], fulltext: true })],
        };
        const plain: Schema = { ...start, indexes: [index({ schema: "", table: "doc", name: "IDX_tag", columns: ["tag"] })] };
        const add: Op = { ...meta, kind: "addColumn", column: col("score", { nullable: true }) };
        const addVirtual: Op = { ...meta, kind: "addColumn", column: col("next", { nullable: true, asExpression: "`id` + 1", generatedType: "VIRTUAL" }) };
        const drop: Op = { ...meta, kind: "dropColumn", column: tag };
        const notNull: Op = { ...meta, kind: "alterColumn", before: tag, after: { ...tag, nullable: false } };
        const onlineSql = (schema: Schema, op: Op) =>
            renderStatements(mariadbDialect, schema, [op], { online: true }).flatMap((step) => step.statements.map((s) => s.sql));

        it("on a table with a FULLTEXT index, adding or dropping a stored column and NOT NULL rebuild it under LOCK=SHARED, and --online says so", () => {
            for (const dialect of [mysqlDialect, mariadbDialect]) {
                for (const op of [add, drop, notNull]) {
                    const [entry] = lockReport(dialect, [op], { start });
                    expect(entry.lock, op.kind).to.include({
                        lock: "ALGORITHM=INPLACE, LOCK=SHARED (reads only: the table has a FULLTEXT index)",
                        blocking: true,
                    });
                }
                expect(lockReport(dialect, [addVirtual], { start })[0].lock).to.include({ lock: "ALGORITHM=INSTANT", blocking: false });
            }
            expect(onlineSql(start, add)).to.deep.equal(["ALTER TABLE `doc` ADD COLUMN `score` int NULL, ALGORITHM=INPLACE, LOCK=SHARED"]);
            expect(onlineSql(start, drop)).to.deep.equal(["ALTER TABLE `doc` DROP COLUMN `tag`, ALGORITHM=INPLACE, LOCK=SHARED"]);
            expect(onlineSql(start, notNull)).to.deep.equal(["ALTER TABLE `doc` MODIFY COLUMN `tag` int NOT NULL, ALGORITHM=INPLACE, LOCK=SHARED"]);
        });

        it("without the FULLTEXT index: INSTANT, but dropping a column an index uses is INPLACE (the index changes)", () => {
            expect(lockReport(mariadbDialect, [add], { start: plain })[0].lock).to.include({ lock: "ALGORITHM=INSTANT" });
            expect(lockReport(mariadbDialect, [drop], { start: plain })[0].lock).to.include({ lock: "ALGORITHM=INPLACE, LOCK=NONE", blocking: false });
            expect(onlineSql(plain, drop)).to.deep.equal(["ALTER TABLE `doc` DROP COLUMN `tag`, ALGORITHM=INPLACE, LOCK=NONE"]);
        });

        it("a storage engine change copies the table (a comment alone stays INSTANT)", () => {
            const docTable = table({ schema: "", table: "doc" });
            const engine: Op = { ...meta, kind: "setTableComment", before: docTable, after: { ...docTable, engine: "MyISAM" } };
            const comment: Op = { ...meta, kind: "setTableComment", before: docTable, after: { ...docTable, comment: "docs" } };
            expect(lockReport(mariadbDialect, [engine])[0].lock).to.include({ lock: "ALGORITHM=COPY, LOCK=SHARED (reads only)", blocking: true });
            expect(lockReport(mariadbDialect, [comment])[0].lock).to.include({ lock: "ALGORITHM=INSTANT", blocking: false });
        });
    });

    describe("PostgreSQL: why an online migration runs without a transaction", () => {
        const col = (name: string, over: Partial<Column> = {}) => column({ schema: "public", table: "post", name, type: "integer", ...over });
        const start: Schema = {
            ...emptySchema("postgres", "public", "0.3.20"),
            tables: [table({ schema: "public", table: "post" }), table({ schema: "public", table: "author" })],
            columns: [col("id"), col("authorId", { nullable: true }), column({ schema: "public", table: "author", name: "id", type: "integer" })],
            primaryKeys: [
                { schema: "public", table: "post", name: "PK_post", columns: ["id"] },
                { schema: "public", table: "author", name: "PK_author", columns: ["id"] },
            ],
        };
        const foreignKey: Op = {
            ...meta,
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
        const createIndex: Op = { ...meta, kind: "createIndex", index: index({ schema: "public", table: "post", name: "IDX_author", columns: ["authorId"] }) };
        const migration = (ops: Op[]) => {
            const store = RevisionStore.open("/nonexistent/tm-lock-report-context");
            const parts = { parents: [], base: start, sqlOps: ops, deltaOps: ops, target: start };
            return assembleRevision(store, parts, { message: "x", bind: "default", now: 1764000000000, revisionId: "rev00001", online: true });
        };

        it("NOT VALID then VALIDATE only: each statement commits on its own; nothing claims it could not run in a transaction", () => {
            const text = migration([foreignKey]).migrationText;
            expect(text).to.include("transaction = false");
            expect(text).to.include(
                "    // Each statement here commits on its own, so that the lock one takes is not held through the next (a long validation).\n",
            );
            expect(text).to.not.include("cannot run inside a transaction block");
        });

        it("with CONCURRENTLY: some statements cannot run inside a transaction block", () => {
            const text = migration([foreignKey, createIndex]).migrationText;
            expect(text).to.include("    // Some statements here cannot run inside a transaction block.\n    transaction = false as const;");
        });

        it("the delta records that the revision was written online; plain revisions leave the field out", () => {
            expect(JSON.parse(migration([foreignKey]).deltaText)).to.include({ online: true });
            const store = RevisionStore.open("/nonexistent/tm-lock-report-context");
            const plain = assembleRevision(
                store,
                { parents: [], base: start, sqlOps: [foreignKey], deltaOps: [foreignKey], target: start },
                { message: "x", bind: "default", now: 1764000000000, revisionId: "rev00002" },
            );
            expect(JSON.parse(plain.deltaText)).to.not.have.property("online");
        });
    });
});
