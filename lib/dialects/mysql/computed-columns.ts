import { foreignKeyUsesColumn } from "../../diff/rebuilds";
import { sameTable } from "../../schema/keys";
import type { Column, ForeignKey, Index } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnDefinitionSql } from "./column-sql";
import { emitAddForeignKey, emitDropForeignKey } from "./foreign-keys";
import { dropIndexSql, emitCreateIndex } from "./indexes";
import { quoteIdentifier, tableName } from "./quote";

// MySQL and MariaDB change a computed column in place only from STORED to plain (MODIFY keeps
// the values); anything else about a computed column ("not yet supported for generated columns")
// means dropping it and adding it back, which also drops it from the indexes and foreign keys
// that use it, so those are taken down first and put back after.

/** The column becomes or stops being computed, or its expression or kind changes. */
export function changesComputation(before: Column, after: Column): boolean {
    if (before.asExpression === null && after.asExpression === null) return false;
    return before.asExpression !== after.asExpression || before.generatedType !== after.generatedType;
}

export function emitRecompute(before: Column, after: Column, ctx: EmitContext): Statement[] {
    if (before.asExpression !== null && after.asExpression === null && before.generatedType === "STORED") {
        return [{ sql: `ALTER TABLE ${tableName(after)} MODIFY COLUMN ${columnDefinitionSql(after)}` }];
    }
    const { indexes, foreignKeys } = membersUsing(before, ctx);
    const change = before.asExpression !== null && after.asExpression === null ? keepValuesSql(before, after, ctx) : replaceSql(before, after, ctx);
    return [
        ...foreignKeys.flatMap((fk) => emitDropForeignKey(fk, ctx)),
        ...indexes.map((index) => ({ sql: dropIndexSql(index) })),
        ...change.map((sql) => ({ sql })),
        ...indexes.flatMap(emitCreateIndex),
        ...foreignKeys.flatMap(emitAddForeignKey),
    ];
}

function membersUsing(column: Column, ctx: EmitContext): { indexes: Index[]; foreignKeys: ForeignKey[] } {
    return {
        indexes: ctx.before.indexes.filter((index) => sameTable(index, column) && index.columns.includes(column.name)),
        foreignKeys: ctx.before.foreignKeys.filter((fk) => foreignKeyUsesColumn(fk, column)),
    };
}

/** Drops the column and adds it back as it is after the op: its values are derived, or become so. */
function replaceSql(before: Column, after: Column, ctx: EmitContext): string[] {
    return [
        `ALTER TABLE ${tableName(before)} DROP COLUMN ${quoteIdentifier(before.name)}`,
        `ALTER TABLE ${tableName(after)} ADD COLUMN ${columnDefinitionSql(after)}${placement(after, ctx)}`,
    ];
}

/** A VIRTUAL column turning plain keeps its computed values: they are copied into the new column. */
function keepValuesSql(before: Column, after: Column, ctx: EmitContext): string[] {
    const taken = new Set(ctx.before.columns.filter((c) => sameTable(c, before)).map((c) => c.name));
    let spare = `${after.name}_plain`;
    for (let n = 2; taken.has(spare); n++) spare = `${after.name}_plain${n}`;
    const table = tableName(after);
    return [
        `ALTER TABLE ${table} ADD COLUMN ${columnDefinitionSql({ ...after, name: spare })} AFTER ${quoteIdentifier(before.name)}`,
        `UPDATE ${table} SET ${quoteIdentifier(spare)} = ${quoteIdentifier(before.name)}`,
        `ALTER TABLE ${table} DROP COLUMN ${quoteIdentifier(before.name)}`,
        `ALTER TABLE ${table} RENAME COLUMN ${quoteIdentifier(spare)} TO ${quoteIdentifier(after.name)}`,
    ];
}

/** ` AFTER previous` (or ` FIRST`): where the column stands in the table after the op. */
function placement(column: Column, ctx: EmitContext): string {
    const columns = ctx.after.columns.filter((c) => sameTable(c, column));
    const at = columns.findIndex((c) => c.name === column.name);
    if (at < 0) return "";
    return at === 0 ? " FIRST" : ` AFTER ${quoteIdentifier(columns[at - 1].name)}`;
}
