import type { TableDefinition } from "../../diff/ops";
import { sameTable } from "../../schema/keys";
import type { EmitContext, Statement } from "../dialect";
import { createTableSql } from "./create-table-sql";
import { shapeOf, type TableShape } from "./table-shape";

/**
 * CREATE TABLE in the form the table has at the end of the migration, foreign keys included:
 * SQLite cannot add a constraint later without a rebuild, and does not check that a referenced
 * table exists yet. The migration's later ops on this table (addForeignKey, ...) emit nothing.
 */
export function emitCreateTable(definition: TableDefinition, ctx: EmitContext): Statement[] {
    const shape: TableShape = shapeOf(ctx.end, definition.table) ?? {
        ...definition,
        foreignKeys: ctx.after.foreignKeys.filter((fk) => sameTable(fk, definition.table)),
    };
    return [{ sql: createTableSql(shape) }];
}
