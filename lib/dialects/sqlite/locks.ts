import type { Statement } from "../dialect";
import { brief, type LockClass, type LockContext, type LockTable } from "../locks";
import { canAddInPlace } from "./add-columns";

// SQLite has one writer at a time: every change takes the database's write lock (readers go on in
// WAL mode). What matters is how long it is held: a catalog change is brief, a rebuild copies the table.

const brieflyLocked = brief("database write lock");
const none = brief("none");

const rebuild: LockClass = {
    lock: "database write lock (table rebuilt)",
    scans: true,
    rewrites: true,
    blocking: true,
    advice: "no online form on SQLite: every writer waits for the copy; run it when writes can wait, or do it in steps (expand, backfill, contract) that each add a column in place",
};

const indexBuild: LockClass = {
    lock: "database write lock (index built)",
    scans: true,
    rewrites: false,
    blocking: true,
    advice: "no online form on SQLite: every writer waits for the build; run it when writes can wait",
};

// SQLite changes a table once per migration, at the op that gives it its final form (see
// `planTableChange`): the ops before it run nothing, and that op's rebuild or ADD COLUMN does them all.
const noSqlOfItsOwn = brief("none here: done with the table's other changes, under the last op that changes it");
const noComments = brief("none (SQLite keeps no comments)");
const onlyComment = (before: { readonly comment: string | null }, after: { readonly comment: string | null }) =>
    JSON.stringify({ ...before, comment: after.comment }) === JSON.stringify(after);

// `rebuildTable` (rebuild.ts) copies the rows into "temporary_<table>".
const rebuilds = (statements: readonly Statement[]) => statements.some((s) => s.sql.startsWith('CREATE TABLE "temporary_'));
const buildsIndex = (statements: readonly Statement[]) => statements.some((s) => /^CREATE (UNIQUE )?INDEX /.test(s.sql));

/**
 * An op that changes the table's CREATE TABLE: what it runs when the report knows (nothing, the
 * table's one rebuild, or ADD COLUMN with the indexes that waited for it), else `alone`, as if it
 * were the table's only change.
 */
function tableChange(ctx: LockContext, alone: LockClass): LockClass {
    const { statements } = ctx;
    if (statements === undefined) return alone;
    if (statements.length === 0) return noSqlOfItsOwn;
    if (rebuilds(statements)) return rebuild;
    return buildsIndex(statements) ? indexBuild : brieflyLocked;
}

/** An index built on its own, or in the table's coming change (then nothing runs here). */
function indexChange(ctx: LockContext): LockClass {
    return ctx.statements === undefined || buildsIndex(ctx.statements) ? indexBuild : ctx.statements.length === 0 ? noSqlOfItsOwn : brieflyLocked;
}

export const sqliteLocks: LockTable = {
    // Nothing is written for these: SQLite has no schemas, extensions or enum types.
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
    createTable: () => brieflyLocked,
    dropTable: () => brieflyLocked,
    setTableComment: (op, ctx) => (onlyComment(op.before, op.after) ? noComments : tableChange(ctx, rebuild)),
    // ALTER TABLE ADD COLUMN where SQLite allows it, unless other changes to the table rebuild it.
    addColumn: (op, ctx) => tableChange(ctx, canAddInPlace(op.column, null) ? brieflyLocked : rebuild),
    dropColumn: (_op, ctx) => tableChange(ctx, rebuild),
    alterColumn: (op, ctx) => (onlyComment(op.before, op.after) ? noComments : tableChange(ctx, rebuild)),
    addPrimaryKey: (_op, ctx) => tableChange(ctx, rebuild),
    dropPrimaryKey: (_op, ctx) => tableChange(ctx, rebuild),
    addUnique: (_op, ctx) => tableChange(ctx, rebuild),
    dropUnique: (_op, ctx) => tableChange(ctx, rebuild),
    addCheck: (_op, ctx) => tableChange(ctx, rebuild),
    dropCheck: (_op, ctx) => tableChange(ctx, rebuild),
    addForeignKey: (_op, ctx) => tableChange(ctx, rebuild),
    dropForeignKey: (_op, ctx) => tableChange(ctx, rebuild),
    createIndex: (_op, ctx) => indexChange(ctx),
    dropIndex: () => brieflyLocked,
    createView: () => brieflyLocked,
    dropView: () => brieflyLocked,
    insertMetadataRow: () => brieflyLocked,
    deleteMetadataRow: () => brieflyLocked,
    renameTable: () => brieflyLocked,
    renameColumn: () => brieflyLocked,
    // Re-created: the index is built again.
    renameIndex: (_op, ctx) => indexChange(ctx),
    renameConstraint: (_op, ctx) => tableChange(ctx, rebuild),
};
