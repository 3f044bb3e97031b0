import type { Column } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnCommentSql, columnDefinitionSql } from "./column-sql";
import { quoteIdentifier, tableName } from "./quote";

/** `ALTER TABLE ... ADD "column" ...`, then its comment. */
export function emitAddColumn(column: Column, ctx: EmitContext): Statement[] {
    return [addColumnSql(column, ctx), ...columnCommentSql(column)].map((sql) => ({ sql }));
}

/** Indexes and constraints on the column were dropped by earlier ops; a SERIAL sequence goes with it. */
export function emitDropColumn(column: Column): Statement[] {
    return [{ sql: dropColumnSql(column) }];
}

export function addColumnSql(column: Column, ctx: EmitContext): string {
    return `ALTER TABLE ${tableName(column)} ADD ${columnDefinitionSql(column, () => ctx.after)}`;
}

export function dropColumnSql(column: Column): string {
    return `ALTER TABLE ${tableName(column)} DROP COLUMN ${quoteIdentifier(column.name)}`;
}

/** `ALTER TABLE "schema"."table" ALTER COLUMN "name" <clause>`. */
export function alterColumnSql(column: Column, clause: string): string {
    return `ALTER TABLE ${tableName(column)} ALTER COLUMN ${quoteIdentifier(column.name)} ${clause}`;
}
