import type { Column, Index } from "../../schema/model";
import { brief, expandBackfillContract, type LockClass, type LockContext, type LockTable } from "../locks";
import { typeChanges } from "./alter-column-type";
import { needsRegeneration } from "./regenerate-column";

// Lock levels as PostgreSQL 15's ALTER TABLE, CREATE INDEX and ALTER TYPE pages give them.

const accessExclusive = brief("ACCESS EXCLUSIVE");
const none = brief("none");
const metadataRow = brief("ROW EXCLUSIVE (typeorm_metadata)");

const online = (lock: string): LockClass => ({ lock, scans: true, rewrites: false, blocking: false, advice: null });

const rewrite = (what: string, advice: string): LockClass => ({ lock: `ACCESS EXCLUSIVE (${what})`, scans: true, rewrites: true, blocking: true, advice });

const scanUnder = (lock: string, advice: string): LockClass => ({ lock, scans: true, rewrites: false, blocking: true, advice });

function createIndex(index: Index, ctx: LockContext): LockClass {
    if (index.concurrent || ctx.online) return online("SHARE UPDATE EXCLUSIVE (CONCURRENTLY)");
    return scanUnder("SHARE", "generate --online: CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: writes go on during the build)");
}

/** Functions whose value differs per row: a column added with one as its default is written into every row. */
const volatileDefault = /\b(nextval|uuid_generate_v[14]|gen_random_uuid|random|clock_timestamp|timeofday)\s*\(/i;

function addColumn(column: Column, backfilled: boolean): LockClass {
    if (column.asExpression !== null && column.generatedType === "STORED") return rewrite("stored generated column", expandBackfillContract);
    if (column.generated === "increment" || column.generated === "identity" || column.generated === "uuid" || volatileDefault.test(column.default ?? "")) {
        return rewrite(
            "a per-row default",
            "add the column without a default, set the default, backfill existing rows in batches, then NOT NULL (generate --online validates it without a long lock)",
        );
    }
    if (backfilled) {
        return rewrite(
            "every row updated by the backfill, then SET NOT NULL scans",
            "add the column nullable, backfill in batches outside the migration, then make it NOT NULL in a later migration with generate --online",
        );
    }
    return accessExclusive;
}

/** Type changes PostgreSQL makes without touching the rows (binary-coercible, or a wider length or precision). */
function retypesInPlace(before: Column, after: Column): boolean {
    if (before.array !== after.array || before.enumName !== after.enumName) return false;
    const varchar = (c: Column) => c.type === "character varying" || c.type === "varchar";
    if (varchar(before) && after.type === "text") return true;
    if (varchar(before) && varchar(after)) return after.length === "" || (before.length !== "" && Number(after.length) >= Number(before.length));
    if (before.type !== after.type) return false;
    if (before.type === "numeric" || before.type === "decimal") {
        return after.precision === null || (before.precision !== null && after.precision >= before.precision && before.scale === after.scale);
    }
    if (/^(timestamp|time)\b/.test(before.type)) return (after.precision ?? 6) >= (before.precision ?? 6);
    return false;
}

function alterColumn(before: Column, after: Column, ctx: LockContext): LockClass {
    if (needsRegeneration(before, after)) return rewrite("generated column re-added", expandBackfillContract);
    if (typeChanges(before, after) && !retypesInPlace(before, after)) return rewrite("type change", expandBackfillContract);
    if (before.collation !== after.collation) return scanUnder("ACCESS EXCLUSIVE, indexes on the column rebuilt", expandBackfillContract);
    if (before.nullable && !after.nullable) {
        if (ctx.online) return online("SHARE UPDATE EXCLUSIVE (CHECK NOT VALID + VALIDATE, then SET NOT NULL without a scan)");
        return scanUnder(
            "ACCESS EXCLUSIVE, SET NOT NULL scans",
            "generate --online: CHECK (column IS NOT NULL) NOT VALID, VALIDATE (SHARE UPDATE EXCLUSIVE), then SET NOT NULL uses the check",
        );
    }
    const onlyComment = { ...before, comment: after.comment };
    if (JSON.stringify(onlyComment) === JSON.stringify(after)) return brief("SHARE UPDATE EXCLUSIVE");
    return accessExclusive;
}

export const postgresLocks: LockTable = {
    createSchema: () => none,
    dropSchema: () => none,
    createExtension: () => none,
    dropExtension: () => none,
    createEnum: () => none,
    dropEnum: () => none,
    // ADD VALUE takes no table lock; removed or reordered values convert every column of the type.
    alterEnum: (op) =>
        op.before.values.every((value) => op.after.values.includes(value))
            ? brief("none (ADD VALUE)")
            : rewrite("on every table using the type", expandBackfillContract),
    renameEnum: () => none,
    createTable: () => accessExclusive,
    dropTable: () => accessExclusive,
    setTableComment: () => brief("SHARE UPDATE EXCLUSIVE"),
    addColumn: (op) => addColumn(op.column, op.backfill !== undefined),
    // The column is only marked dropped; its space is reclaimed as rows are rewritten.
    dropColumn: () => accessExclusive,
    alterColumn: (op, ctx) => alterColumn(op.before, op.after, ctx),
    addPrimaryKey: () =>
        scanUnder(
            "ACCESS EXCLUSIVE, builds a unique index",
            "CREATE UNIQUE INDEX CONCURRENTLY by hand, then ADD PRIMARY KEY USING INDEX (the columns must already be NOT NULL)",
        ),
    dropPrimaryKey: () => accessExclusive,
    createIndex: (op, ctx) => createIndex(op.index, ctx),
    dropIndex: (op, ctx) => (op.index.concurrent || ctx.online ? brief("SHARE UPDATE EXCLUSIVE (CONCURRENTLY)") : accessExclusive),
    addUnique: (_op, ctx) =>
        ctx.online
            ? online("SHARE UPDATE EXCLUSIVE (CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT USING INDEX)")
            : scanUnder(
                  "ACCESS EXCLUSIVE, builds a unique index",
                  "generate --online: CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX (brief ACCESS EXCLUSIVE)",
              ),
    dropUnique: () => accessExclusive,
    addForeignKey: (_op, ctx) =>
        ctx.online
            ? online("SHARE UPDATE EXCLUSIVE (NOT VALID, then VALIDATE CONSTRAINT)")
            : scanUnder(
                  "SHARE ROW EXCLUSIVE on both tables, scans to validate",
                  "generate --online: ADD ... NOT VALID, then VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE: writes go on)",
              ),
    dropForeignKey: () => brief("ACCESS EXCLUSIVE (SHARE ROW EXCLUSIVE on the referenced table)"),
    addCheck: (_op, ctx) =>
        ctx.online
            ? online("SHARE UPDATE EXCLUSIVE (NOT VALID, then VALIDATE CONSTRAINT)")
            : scanUnder(
                  "ACCESS EXCLUSIVE, scans to validate",
                  "generate --online: ADD ... NOT VALID, then VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE: writes go on)",
              ),
    dropCheck: () => accessExclusive,
    addExclusion: () =>
        scanUnder("ACCESS EXCLUSIVE, builds an index", "no online form (an exclusion constraint cannot be added USING INDEX): run it when writes can wait"),
    dropExclusion: () => accessExclusive,
    createView: () => none,
    dropView: () => none,
    insertMetadataRow: () => metadataRow,
    deleteMetadataRow: () => metadataRow,
    renameTable: () => accessExclusive,
    renameColumn: () => accessExclusive,
    renameIndex: () => brief("SHARE UPDATE EXCLUSIVE"),
    renameConstraint: () => accessExclusive,
};
