import { tableKey } from "../schema/keys";
import type { Op } from "./ops";

/**
 * A foreign key added to a table the same ops create is safe: a new table holds no rows, so no
 * row can miss its parent (an initial migration would otherwise flag every foreign key). Pure.
 */
export function newTableForeignKeysSafe(ops: readonly Op[]): Op[] {
    const created = new Set(ops.flatMap((op) => (op.kind === "createTable" ? [tableKey(op.definition.table)] : [])));
    if (created.size === 0) return [...ops];
    return ops.map((op) => (op.kind === "addForeignKey" && op.risk !== "safe" && created.has(tableKey(op.foreignKey)) ? { ...op, risk: "safe" } : op));
}
