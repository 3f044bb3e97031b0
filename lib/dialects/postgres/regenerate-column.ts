import type { Column, Schema, TableRef } from "../../schema/model";
import { sameTable } from "../../schema/keys";
import type { EmitContext, Statement } from "../dialect";
import { addColumnSql, dropColumnSql } from "./columns";
import { columnCommentSql } from "./column-sql";
import { addConstraint, checkBody, dropConstraint, foreignKeyBody, primaryKeyBody, uniqueBody } from "./constraints";
import { emitCreateIndex, emitDropIndex } from "./indexes";
import { predicatesMentioning } from "./predicates";

/** A column becomes computed, or its expression changes: PostgreSQL before 17 cannot ALTER that. */
export function needsRegeneration(before: Column, after: Column): boolean {
    return after.asExpression !== null && (before.asExpression !== after.asExpression || before.generatedType !== after.generatedType);
}

/**
 * Drops the column and adds it back computed (its values are derived, so nothing is lost), taking
 * the indexes and constraints that use it down first and putting them back after, since
 * DROP COLUMN would silently take them along (within the migration's transaction: not CONCURRENTLY).
 */
export function emitRegenerateColumn(before: Column, after: Column, ctx: EmitContext): Statement[] {
    const members = membersUsing(ctx.before, before);
    return [...takeDownSql(before, members), ...putBackSql(after, members, ctx)].map((text) => ({ sql: text }));
}

export type ColumnMembers = ReturnType<typeof membersUsing>;

/** DROP COLUMN, after the indexes and constraints that use the column (as `schema` has them). */
export function takeDownSql(column: Column, members: ColumnMembers): string[] {
    return [
        ...members.foreignKeys.map((fk) => dropConstraint(fk).sql),
        ...[...members.checks, ...members.uniques, ...members.primaryKeys].map((c) => dropConstraint(c).sql),
        ...members.indexes.flatMap((index) => emitDropIndex({ ...index, concurrent: false }).map((s) => s.sql)),
        dropColumnSql(column),
    ];
}

/** ADD COLUMN `column`, its comment, then the indexes and constraints `takeDownSql` dropped. */
export function putBackSql(column: Column, members: ColumnMembers, ctx: EmitContext): string[] {
    return [
        addColumnSql(column, ctx),
        ...columnCommentSql(column),
        ...members.primaryKeys.map((pk) => addConstraint(pk, primaryKeyBody(pk)).sql),
        ...members.uniques.map((unique) => addConstraint(unique, uniqueBody(unique)).sql),
        ...members.checks.map((check) => addConstraint(check, checkBody(check)).sql),
        ...members.indexes.flatMap((index) => emitCreateIndex({ ...index, concurrent: false }).map((s) => s.sql)),
        ...members.foreignKeys.map((fk) => addConstraint(fk, foreignKeyBody(fk)).sql),
    ];
}

/** Everything in `schema` that uses the column: by its column lists, or (CHECKs, index predicates) by naming it. */
export function membersUsing(schema: Schema, column: Column) {
    const onTable = <T extends TableRef>(list: readonly T[]) => list.filter((m) => sameTable(m, column));
    const lists = (m: { columns: readonly string[] }) => m.columns.includes(column.name);
    const predicates = predicatesMentioning(schema, [column]);
    const listing = onTable(schema.indexes).filter(lists);
    return {
        indexes: [...listing, ...predicates.indexes.filter((index) => !listing.includes(index))],
        uniques: onTable(schema.uniques).filter(lists),
        primaryKeys: onTable(schema.primaryKeys).filter(lists),
        checks: predicates.checks,
        foreignKeys: schema.foreignKeys.filter(
            (fk) =>
                (sameTable(fk, column) && lists(fk)) ||
                (fk.referencedSchema === column.schema && fk.referencedTable === column.table && fk.referencedColumns.includes(column.name)),
        ),
    };
}
