import type { Column, Schema, TableRef } from "../../schema/model";
import type { EmitContext } from "../dialect";
import { canAddInPlace } from "./add-columns";
import { createTableParts, tableText, type CreateTableParts } from "./create-table-sql";
import { hasTable, shapeOf, type TableShape } from "./table-shape";

/**
 * What a migration does, in SQL, to a table that exists at its start and at its end: nothing
 * (its CREATE TABLE reads the same), `ADD COLUMN`s, or a rebuild. Planned from start to end as a
 * whole, so several ops on one table make one rebuild, and no intermediate state (a primary key
 * dropped before the new one is added) ever has to be a valid SQLite table.
 */
export type TablePlan = { readonly kind: "none" } | { readonly kind: "addColumns"; readonly columns: readonly Column[] } | { readonly kind: "rebuild" };

export function planTableChange(start: Schema, end: Schema, ref: TableRef): TablePlan {
    const from = shapeOf(start, ref);
    const to = shapeOf(end, ref);
    if (!from || !to) return { kind: "none" };
    const before = createTableParts(from);
    const after = createTableParts(to);
    if (sameParts(before, after)) return { kind: "none" };
    const appended = to.columns.slice(from.columns.length);
    const onlyAppends =
        before.options === after.options &&
        sameList(before.constraints, after.constraints) &&
        sameList(before.columns, after.columns.slice(0, before.columns.length)) &&
        appended.every((column) => canAddInPlace(column, to.primaryKey));
    return onlyAppends ? { kind: "addColumns", columns: appended } : { kind: "rebuild" };
}

/**
 * The op gives the table its final form: it changes the table's CREATE TABLE and no later op
 * does. The table's SQL is emitted here, once. (Assumes a migration's ops reach a table's final
 * form only once, as the differ's do: a table is never changed, reverted and changed again.)
 */
export function reachesFinalShape(ctx: EmitContext, ref: TableRef): boolean {
    const after = tableSqlIn(ctx.after, ref);
    return after === tableSqlIn(ctx.end, ref) && tableSqlIn(ctx.before, ref) !== after;
}

/** The table's SQL change (rebuild or ADD COLUMN) is still to come later in the migration. */
export function tableChangePending(ctx: EmitContext, ref: TableRef): boolean {
    return planTableChange(ctx.start, ctx.end, ref).kind !== "none" && tableSqlIn(ctx.after, ref) !== tableSqlIn(ctx.end, ref);
}

/**
 * The table as the database holds it just before this op, given how this dialect emits: a table
 * the migration creates is created in its final form; one it drops, or whose change is still to
 * come, is as at the start; after its change, as at the end. Null when it is not there.
 */
export function databaseShape(ctx: EmitContext, ref: TableRef): TableShape | null {
    if (!hasTable(ctx.before, ref)) return null;
    if (!hasTable(ctx.start, ref)) return shapeOf(ctx.end, ref) ?? shapeOf(ctx.before, ref);
    if (!hasTable(ctx.end, ref)) return shapeOf(ctx.start, ref);
    return tableSqlIn(ctx.before, ref) === tableSqlIn(ctx.end, ref) ? shapeOf(ctx.end, ref) : shapeOf(ctx.start, ref);
}

function tableSqlIn(schema: Schema, ref: TableRef): string | null {
    const shape = shapeOf(schema, ref);
    return shape ? tableText(shape) : null;
}

function sameParts(a: CreateTableParts, b: CreateTableParts): boolean {
    return a.options === b.options && sameList(a.columns, b.columns) && sameList(a.constraints, b.constraints);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((item, i) => item === b[i]);
}
