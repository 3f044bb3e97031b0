import type { Column, Schema } from "../../schema/model";
import { sameTable } from "../../schema/keys";
import type { EmitContext, Statement } from "../dialect";
import { addColumnSql, dropColumnSql } from "./columns";
import { columnCommentSql } from "./column-sql";
import { addConstraint, checkBody, dropConstraint, foreignKeyBody, primaryKeyBody, uniqueBody } from "./constraints";
import { emitCreateIndex, emitDropIndex } from "./indexes";

/** A column becomes computed, or its expression changes: PostgreSQL before 17 cannot ALTER that. */
export function needsRegeneration(before: Column, after: Column): boolean {
    return after.asExpression !== null && (before.asExpression !== after.asExpression || before.generatedType !== after.generatedType);
}

/**
 * Drops the column and adds it back computed (its values are derived, so nothing is lost), taking
 * the indexes and constraints that use it down first and putting them back after, since
 * DROP COLUMN would silently take them along.
 */
export function emitRegenerateColumn(before: Column, after: Column, ctx: EmitContext): Statement[] {
    const members = membersUsing(ctx.before, before);
    const sql = [
        ...members.foreignKeys.map((fk) => dropConstraint(fk).sql),
        ...[...members.checks, ...members.uniques, ...members.primaryKeys].map((c) => dropConstraint(c).sql),
        ...members.indexes.flatMap((index) => emitDropIndex(index).map((s) => s.sql)),
        dropColumnSql(before),
        addColumnSql(after, ctx),
        ...columnCommentSql(after),
        ...members.primaryKeys.map((pk) => addConstraint(pk, primaryKeyBody(pk)).sql),
        ...members.uniques.map((unique) => addConstraint(unique, uniqueBody(unique)).sql),
        ...members.checks.map((check) => addConstraint(check, checkBody(check)).sql),
        ...members.indexes.flatMap((index) => emitCreateIndex(index).map((s) => s.sql)),
        ...members.foreignKeys.map((fk) => addConstraint(fk, foreignKeyBody(fk)).sql),
    ];
    return sql.map((text) => ({ sql: text }));
}

/** Everything in `schema` that names the column; a CHECK by any mention of its name (dropping one too many is harmless). */
function membersUsing(schema: Schema, column: Column) {
    const onTable = <T extends { schema: string; table: string }>(list: readonly T[]) => list.filter((m) => sameTable(m, column));
    const lists = (m: { columns: readonly string[] }) => m.columns.includes(column.name);
    const mentions = column.name.toLowerCase();
    return {
        indexes: onTable(schema.indexes).filter(lists),
        uniques: onTable(schema.uniques).filter(lists),
        primaryKeys: onTable(schema.primaryKeys).filter(lists),
        checks: onTable(schema.checks).filter((check) => check.expression.toLowerCase().includes(mentions)),
        foreignKeys: schema.foreignKeys.filter((fk) =>
            (sameTable(fk, column) && fk.columns.includes(column.name)) ||
            (fk.referencedSchema === column.schema && fk.referencedTable === column.table && fk.referencedColumns.includes(column.name))),
    };
}
