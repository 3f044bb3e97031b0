import { memberKey, sameTable } from "../../schema/keys";
import type { Column, Schema } from "../../schema/model";
import type { EmitContext } from "../dialect";
import { membersUsing, putBackSql, takeDownSql } from "./regenerate-column";

// PostgreSQL refuses to change the type of a column that a computed column reads ("cannot alter
// type of a column used by a generated column") and to drop one ("other objects depend on it").
// Computed values are derived, so such a column is dropped and added back instead.

/** Computed columns of the table that name one of `columns` in their expression (one too many is harmless). */
export function computedColumnsReading(schema: Schema, columns: readonly Column[]): Column[] {
    const names = (column: Column, source: Column) =>
        column.asExpression !== null && column.name !== source.name && column.asExpression.toLowerCase().includes(source.name.toLowerCase());
    return schema.columns.filter((column) => columns.some((source) => sameTable(column, source) && names(column, source)));
}

/**
 * `change` (SQL retyping `columns`) between taking down the computed columns that read them and
 * putting them back as they are after this op, each with its indexes and constraints.
 */
export function aroundComputedReaders(columns: readonly Column[], ctx: EmitContext, change: readonly string[]): string[] {
    const readers = change.length === 0 ? [] : computedColumnsReading(ctx.before, columns);
    if (readers.length === 0) return [...change];
    const after = new Map(ctx.after.columns.map((column) => [memberKey(column), column]));
    const takenDown = readers.map((column) => ({ column, members: membersUsing(ctx.before, column) }));
    return [
        ...takenDown.flatMap(({ column, members }) => takeDownSql(column, members)),
        ...change,
        ...takenDown.flatMap(({ column, members }) => {
            const now = after.get(memberKey(column));
            return now === undefined ? [] : putBackSql(now, members, ctx);
        }),
    ];
}
