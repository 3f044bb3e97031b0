import type { Column, TableRef } from "../schema/model";
import type { AddColumnOp, AlterColumnOp, Op } from "./ops";

/** A one-off value (an SQL expression) for a column's rows already in the table, named as the new schema names it. */
export interface Backfill {
    readonly table: TableRef;
    readonly column: string;
    readonly value: string;
}

/** An op that makes a column NOT NULL on a table that may already hold rows. */
export type NotNullOp = AddColumnOp | AlterColumnOp;

/** The column's values come from elsewhere (a sequence, an identity, an expression), never from a backfill. */
function fillsItself(column: Column): boolean {
    return column.generated !== null || column.asExpression !== null;
}

/** Whether `op` makes its column NOT NULL over rows that are already there. */
export function makesNotNull(op: Op): op is NotNullOp {
    if (op.kind === "addColumn") return !op.column.nullable && !fillsItself(op.column);
    if (op.kind === "alterColumn") return op.before.nullable && !op.after.nullable && !fillsItself(op.after);
    return false;
}

/** The column `op` makes NOT NULL, as it is after the op. */
export function notNullColumn(op: NotNullOp): Column {
    return op.kind === "addColumn" ? op.column : op.after;
}

/**
 * What the rows already there get when `op` makes its column NOT NULL: the value the user gave,
 * else the column's default. Null when the op needs none, or there is nothing to fill them with.
 * (A column added with a default is filled by the ADD itself.)
 */
export function backfillValue(op: Op): string | null {
    if (!makesNotNull(op)) return null;
    if (op.backfill !== undefined) return op.backfill;
    return op.kind === "alterColumn" ? op.after.default : null;
}

/**
 * The ops that make a column NOT NULL with nothing to fill the rows already there: no default and
 * no backfill. Each needs a value from the user (or the user's decision to stop): without one, the
 * migration fails on the first table that holds rows.
 */
export function backfillsNeeded(ops: readonly Op[]): NotNullOp[] {
    return ops.filter(makesNotNull).filter((op) => op.backfill === undefined && notNullColumn(op).default === null);
}
