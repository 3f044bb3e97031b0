import { expect } from "chai";
import type { Op } from "../../lib/diff/ops";
import { applyOps } from "../../lib/diff/apply";
import { invertOps } from "../../lib/diff/invert";
import { postgresDialect } from "../../lib/dialects/postgres";
import type { Statement } from "../../lib/dialects/dialect";
import { renderStatements } from "../../lib/render/statements";
import type { Column, Schema } from "../../lib/schema/model";
import { check, column, foreignKey, index, meta, pgSchema, serialId, statementsOf, table, unique } from "../support/pg-scratch";

// The lock-friendly forms `generate --online` writes, statement by statement; online-postgres.spec.ts
// runs them on a real server under a concurrent writer.

const online = (from: Schema, ops: readonly Op[]): Statement[] =>
    renderStatements(postgresDialect, from, ops, { online: true }).flatMap((step) => step.statements);
const onlineDown = (from: Schema, ops: readonly Op[]): Statement[] => online(applyOps(from, ops), invertOps(ops));
// CONCURRENTLY statements are also marked as refused inside a transaction; the others only commit on their own.
const own = (sql: string): Statement => ({ sql, transactional: false, ...(sql.includes(" CONCURRENTLY ") ? { refusedInTransaction: true as const } : {}) });

const a = column("t", "a", "integer");
const from = pgSchema({ tables: [table("t"), table("parent")], columns: [serialId("t"), a, column("t", "b", "integer"), serialId("parent")] });

describe("postgres dialect: online forms (generate --online)", () => {
    it("builds and drops an index CONCURRENTLY, dropping first what a failed build left", () => {
        const ops: Op[] = [{ kind: "createIndex", index: index("t", "IDX_a", ["a"], { unique: true, where: `"a" > 0` }), ...meta }];
        expect(online(from, ops)).to.deep.equal([
            own(`DROP INDEX CONCURRENTLY IF EXISTS "public"."IDX_a"`),
            own(`CREATE UNIQUE INDEX CONCURRENTLY "IDX_a" ON "public"."t" ("a") WHERE "a" > 0`),
        ]);
        expect(onlineDown(from, ops)).to.deep.equal([own(`DROP INDEX CONCURRENTLY "public"."IDX_a"`)]);
    });

    it("adds a foreign key and a check NOT VALID, then validates each in a statement of its own", () => {
        const ops: Op[] = [
            {
                kind: "addForeignKey",
                foreignKey: foreignKey("t", "FK_t_a", ["a"], "parent", { referencedColumns: ["id"], deferrable: "INITIALLY DEFERRED" }),
                ...meta,
            },
            { kind: "addCheck", check: check("t", "CHK_t", `"b" > 0`), ...meta },
        ];
        expect(online(from, ops)).to.deep.equal([
            own(
                `ALTER TABLE "public"."t" ADD CONSTRAINT "FK_t_a" FOREIGN KEY ("a") REFERENCES "public"."parent"("id") ON DELETE NO ACTION ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED NOT VALID`,
            ),
            own(`ALTER TABLE "public"."t" VALIDATE CONSTRAINT "FK_t_a"`),
            own(`ALTER TABLE "public"."t" ADD CONSTRAINT "CHK_t" CHECK ("b" > 0) NOT VALID`),
            own(`ALTER TABLE "public"."t" VALIDATE CONSTRAINT "CHK_t"`),
        ]);
        // Dropping a constraint takes its lock for an instant: the plain form.
        expect(onlineDown(from, ops)).to.deep.equal([
            { sql: `ALTER TABLE "public"."t" DROP CONSTRAINT "CHK_t"` },
            { sql: `ALTER TABLE "public"."t" DROP CONSTRAINT "FK_t_a"` },
        ]);
    });

    it("adds a unique constraint over a unique index built concurrently under the constraint's name", () => {
        const ops: Op[] = [{ kind: "addUnique", unique: unique("t", `UQ_"t"`, ["a", "b"], { deferrable: "INITIALLY IMMEDIATE" }), ...meta }];
        expect(online(from, ops)).to.deep.equal([
            own(`DROP INDEX CONCURRENTLY IF EXISTS "public"."UQ_""t"""`),
            own(`CREATE UNIQUE INDEX CONCURRENTLY "UQ_""t""" ON "public"."t" ("a", "b")`),
            own(`ALTER TABLE "public"."t" ADD CONSTRAINT "UQ_""t""" UNIQUE USING INDEX "UQ_""t""" DEFERRABLE INITIALLY IMMEDIATE`),
        ]);
        expect(onlineDown(from, ops)).to.deep.equal([{ sql: `ALTER TABLE "public"."t" DROP CONSTRAINT "UQ_""t"""` }]);
    });

    it("makes a column NOT NULL through a validated check, after the backfill; back to NULL plainly", () => {
        const after: Column = { ...a, nullable: false };
        const ops: Op[] = [{ kind: "alterColumn", before: a, after, backfill: "0", ...meta }];
        const [fill, ...rest] = online(from, ops);
        expect(fill).to.deep.equal({ sql: `UPDATE "public"."t" SET "a" = 0 WHERE "a" IS NULL` });
        const tmp = /ADD CONSTRAINT "(tmp_not_null_[0-9a-f]{12})"/.exec(rest[0].sql)?.[1];
        expect(rest).to.deep.equal([
            own(`ALTER TABLE "public"."t" ADD CONSTRAINT "${tmp}" CHECK ("a" IS NOT NULL) NOT VALID`),
            own(`ALTER TABLE "public"."t" VALIDATE CONSTRAINT "${tmp}"`),
            own(`ALTER TABLE "public"."t" ALTER COLUMN "a" SET NOT NULL`),
            own(`ALTER TABLE "public"."t" DROP CONSTRAINT "${tmp}"`),
        ]);
        expect(onlineDown(from, ops)).to.deep.equal([{ sql: `ALTER TABLE "public"."t" ALTER COLUMN "a" DROP NOT NULL` }]);
    });

    it("keeps the plain forms on a table the migration creates or drops, and without online", () => {
        const n = column("n", "a", "integer");
        const g = column("g", "a", "integer");
        const ops: Op[] = [
            { kind: "createTable", definition: { table: table("n"), columns: [n], primaryKey: null, uniques: [], checks: [] }, ...meta },
            { kind: "createIndex", index: index("n", "IDX_n", ["a"]), ...meta },
            { kind: "addUnique", unique: unique("n", "UQ_n", ["a"]), ...meta },
            { kind: "addCheck", check: check("n", "CHK_n", `"a" > 0`), ...meta },
            { kind: "alterColumn", before: n, after: { ...n, nullable: false }, ...meta },
            { kind: "dropIndex", index: index("g", "IDX_gone", ["a"]), ...meta },
            { kind: "dropTable", definition: { table: table("g"), columns: [g], primaryKey: null, uniques: [], checks: [] }, ...meta },
        ];
        const start = pgSchema({ tables: [table("g")], columns: [g], indexes: [index("g", "IDX_gone", ["a"])] });
        expect(online(start, ops)).to.deep.equal(statementsOf(start, ops));
        expect(online(start, ops).some((s) => s.transactional === false)).to.equal(false);
    });

    it("writes exactly the offline forms when online is off", () => {
        const ops: Op[] = [
            { kind: "createIndex", index: index("t", "IDX_a", ["a"]), ...meta },
            { kind: "addUnique", unique: unique("t", "UQ_t", ["b"]), ...meta },
        ];
        expect(renderStatements(postgresDialect, from, ops, { online: false }).flatMap((s) => s.statements)).to.deep.equal([
            { sql: `CREATE INDEX "IDX_a" ON "public"."t" ("a")` },
            { sql: `ALTER TABLE "public"."t" ADD CONSTRAINT "UQ_t" UNIQUE ("b")` },
        ]);
    });
});
