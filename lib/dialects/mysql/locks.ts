import { sameTable } from "../../schema/keys";
import type { Column, Index, MemberRef, TableRef } from "../../schema/model";
import { brief, expandBackfillContract, type LockClass, type LockContext, type LockTable } from "../locks";
import { copiesTable } from "./table";

// InnoDB's online DDL tables (MySQL 8.0 "Online DDL Operations"; MariaDB 10.11's InnoDB online DDL
// pages give the same algorithm and lock level for each change written here, so mariadbDialect
// shares this table: where MariaDB does better, e.g. DROP NOT NULL instantly, neither is blocking).
// Checked on MariaDB 10.11 with ALGORITHM=/LOCK= (the server refuses what it cannot do): a table with
// a FULLTEXT index (its hidden FTS_DOC_ID) takes no INSTANT ADD/DROP COLUMN and rebuilds only under
// LOCK=SHARED; dropping a column an index uses is not INSTANT (the index changes); ENGINE= copies.

const instant = brief("ALGORITHM=INSTANT");
const inplace = brief("ALGORITHM=INPLACE, LOCK=NONE");
const none = brief("none");
const metadataRow = brief("row locks (typeorm_metadata)");

const rebuildOnline: LockClass = { lock: "ALGORITHM=INPLACE, LOCK=NONE", scans: true, rewrites: true, blocking: false, advice: null };

const copy = (advice: string): LockClass => ({ lock: "ALGORITHM=COPY, LOCK=SHARED (reads only)", scans: true, rewrites: true, blocking: true, advice });

const ghostAdvice = "or copy the table online with gh-ost / pt-online-schema-change";

/** Any rebuild of a table with a FULLTEXT index: the server refuses LOCK=NONE ("Fulltext index creation requires a lock"). */
const fulltextRebuild: LockClass = {
    lock: "ALGORITHM=INPLACE, LOCK=SHARED (reads only: the table has a FULLTEXT index)",
    scans: true,
    rewrites: true,
    blocking: true,
    advice: `no online form on a table with a FULLTEXT index: ${ghostAdvice}`,
};

function hasFulltextIndex(ctx: LockContext, table: TableRef): boolean {
    return ctx.before?.indexes.some((index) => index.fulltext && sameTable(index, table)) ?? false;
}

/** Where the table has a FULLTEXT index, a change that rebuilds it with writes going on is `fulltextRebuild`. */
function onFulltextTable(ctx: LockContext, table: TableRef, lock: LockClass): LockClass {
    return lock.rewrites && !lock.blocking && hasFulltextIndex(ctx, table) ? fulltextRebuild : lock;
}

/** Adding or dropping a stored column rebuilds a table with a FULLTEXT index (a VIRTUAL one stays INSTANT). */
function columnOnFulltextTable(ctx: LockContext, column: Column, lock: LockClass): LockClass {
    const virtual = column.asExpression !== null && column.generatedType !== "STORED";
    if (virtual || lock.blocking || !hasFulltextIndex(ctx, column)) return lock;
    return fulltextRebuild;
}

/** An index or unique of the table uses the column: dropping it changes the index, which INSTANT refuses. */
function indexed(ctx: LockContext, column: MemberRef): boolean {
    const uses = (member: TableRef & { readonly columns: readonly string[] }) => sameTable(member, column) && member.columns.includes(column.name);
    return (ctx.before?.indexes.some(uses) ?? false) || (ctx.before?.uniques.some(uses) ?? false);
}

function createIndex(index: Pick<Index, "fulltext" | "spatial">): LockClass {
    // The first FULLTEXT index rebuilds the table; FULLTEXT and SPATIAL builds allow no concurrent writes.
    if (index.fulltext || index.spatial) {
        return {
            lock: "ALGORITHM=INPLACE, LOCK=SHARED (reads only)",
            scans: true,
            rewrites: index.fulltext,
            blocking: true,
            advice: `no online form: ${ghostAdvice}`,
        };
    }
    return { lock: "ALGORITHM=INPLACE, LOCK=NONE", scans: true, rewrites: false, blocking: false, advice: null };
}

function addColumn(column: Column, backfilled: boolean): LockClass {
    if (column.generated === "increment") {
        return {
            lock: "ALGORITHM=INPLACE, LOCK=SHARED (AUTO_INCREMENT column)",
            scans: true,
            rewrites: true,
            blocking: true,
            advice: `no online form: ${ghostAdvice}`,
        };
    }
    if (column.asExpression !== null && column.generatedType === "STORED") return copy(`${expandBackfillContract}, ${ghostAdvice}`);
    // An expression default (`(UUID())`) is worked out per row: MariaDB refuses INSTANT for it and copies the table.
    if (column.default?.startsWith("(")) return copy(`add the column without the default, backfill it in batches, then set the default; ${ghostAdvice}`);
    if (backfilled) {
        return {
            lock: "ALGORITHM=INSTANT, then every row updated by the backfill and NOT NULL rebuilds the table",
            scans: true,
            rewrites: true,
            blocking: true,
            advice: "add the column nullable, backfill in batches outside the migration, then make it NOT NULL in a later migration",
        };
    }
    return instant;
}

/** Bytes per character of the column's character set (utf8mb4 unless named otherwise). */
function maxBytes(column: Column): number {
    const charset = (column.charset ?? "utf8mb4").toLowerCase();
    if (charset === "utf8mb4") return 4;
    if (charset === "utf8" || charset === "utf8mb3") return 3;
    if (charset === "ucs2" || charset === "utf16" || charset === "utf32") return 4;
    return 1;
}

/** A VARCHAR grows in place while its length prefix (1 byte up to 255 bytes, else 2) stays the same size. */
function widensInPlace(before: Column, after: Column): boolean {
    if (before.type !== "varchar" || after.type !== "varchar" || before.charset !== after.charset || before.collation !== after.collation) return false;
    const bytes = (c: Column) => Number(c.length) * maxBytes(c);
    return Number(after.length) >= Number(before.length) && bytes(before) <= 255 === bytes(after) <= 255;
}

const typeOf = (c: Column) =>
    [c.type, c.length, c.precision, c.scale, c.unsigned, c.charset, c.collation, c.asExpression, c.generatedType, c.generated].join("|");

function alterColumn(before: Column, after: Column): LockClass {
    if (typeOf(before) !== typeOf(after)) {
        if (widensInPlace(before, after)) return inplace;
        return copy(`${expandBackfillContract}, ${ghostAdvice}`);
    }
    const values = (c: Column) => c.enum ?? [];
    const appended = values(after).length > values(before).length && values(before).every((v, i) => values(after)[i] === v);
    if (JSON.stringify(values(before)) !== JSON.stringify(values(after)) && !appended) return copy(`${expandBackfillContract}, ${ghostAdvice}`);
    // NULL-ability is stored in the row format: changing it rebuilds the table, with writes going on.
    if (before.nullable !== after.nullable) return rebuildOnline;
    // A default, a comment, ON UPDATE: metadata only.
    return instant;
}

export const mysqlLocks: LockTable = {
    // Not written on MySQL (the emitters refuse these ops).
    createSchema: () => none,
    dropSchema: () => none,
    createExtension: () => none,
    dropExtension: () => none,
    createEnum: () => none,
    dropEnum: () => none,
    alterEnum: () => none,
    renameEnum: () => none,
    addExclusion: () => none,
    dropExclusion: () => none,
    createTable: () => brief("metadata lock"),
    dropTable: () => brief("metadata lock"),
    setTableComment: (op) => (copiesTable(op.before, op.after) ? copy(`no online form: ${ghostAdvice}`) : instant),
    addColumn: (op, ctx) => columnOnFulltextTable(ctx, op.column, addColumn(op.column, op.backfill !== undefined)),
    dropColumn: (op, ctx) => columnOnFulltextTable(ctx, op.column, indexed(ctx, op.column) ? inplace : instant),
    alterColumn: (op, ctx) => onFulltextTable(ctx, op.after, alterColumn(op.before, op.after)),
    addPrimaryKey: (op, ctx) => onFulltextTable(ctx, op.primaryKey, rebuildOnline),
    // Dropping a primary key without adding one in the same statement copies the table.
    dropPrimaryKey: () => copy(`drop and add the primary key in one ALTER TABLE (INPLACE), ${ghostAdvice}`),
    createIndex: (op) => createIndex(op.index),
    dropIndex: () => inplace,
    addUnique: () => createIndex({ fulltext: false, spatial: false }),
    dropUnique: () => inplace,
    // INPLACE only with foreign_key_checks off; with checks on (as migrations run) the table is copied.
    addForeignKey: () =>
        copy(`with SET foreign_key_checks = 0 around it the server adds it INPLACE without checking the rows (check them first), ${ghostAdvice}`),
    dropForeignKey: () => inplace,
    addCheck: () => copy(`no online form: ${ghostAdvice}`),
    dropCheck: () => instant,
    createView: () => none,
    dropView: () => none,
    insertMetadataRow: () => metadataRow,
    deleteMetadataRow: () => metadataRow,
    renameTable: () => brief("metadata lock"),
    renameColumn: () => instant,
    renameIndex: () => inplace,
    // A unique is an index (renamed in place); a foreign key or check is dropped and added again.
    renameConstraint: (op) => (op.constraint === "foreignKey" || op.constraint === "check" ? copy(`no online form: ${ghostAdvice}`) : inplace),
};
