import type { TableDefinition } from "../../diff/ops";
import type { Table } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { columnCommentSql, columnDefinitionSql } from "./column-sql";
import { checkBody, primaryKeyBody, uniqueBody } from "./constraints";
import { commentLiteral, tableName } from "./quote";

/**
 * CREATE TABLE as `synchronize()` writes it: columns, then uniques, checks and the primary key
 * inline; then the table's and the columns' comments. Indexes and foreign keys are their own ops.
 */
export function emitCreateTable(definition: TableDefinition, ctx: EmitContext): Statement[] {
    const items = [
        ...definition.columns.map((column) => columnDefinitionSql(column, () => ctx.after)),
        ...definition.uniques.map(uniqueBody),
        ...definition.checks.map(checkBody),
        ...(definition.primaryKey ? [primaryKeyBody(definition.primaryKey)] : []),
    ];
    const comments = [...(definition.table.comment ? [tableCommentSql(definition.table)] : []), ...definition.columns.flatMap(columnCommentSql)];
    return [`CREATE TABLE ${tableName(definition.table)} (${items.join(", ")})`, ...comments].map((sql) => ({ sql }));
}

/** Its indexes and foreign keys were dropped by earlier ops; a SERIAL sequence goes with its column. */
export function emitDropTable(definition: TableDefinition): Statement[] {
    return [{ sql: `DROP TABLE ${tableName(definition.table)}` }];
}

/** Engine and WITHOUT ROWID mean nothing here: only a comment change writes SQL. */
export function emitSetTableComment(before: Table, after: Table): Statement[] {
    return commentLiteral(before.comment) === commentLiteral(after.comment) ? [] : [{ sql: tableCommentSql(after) }];
}

function tableCommentSql(table: Table): string {
    return `COMMENT ON TABLE ${tableName(table)} IS ${commentLiteral(table.comment)}`;
}
