import { alterColumnRisk } from "./compare";
import { newTableForeignKeysSafe } from "./new-table-risk";
import { dispatchOp, type Op, type OpTable } from "./ops";

/**
 * The op that undoes `op`. Pure.
 * Drops become creates of the same object (they carry its full state), alters swap before/after;
 * the reasons say what is undone.
 */
export function invertOp(op: Op): Op {
    const inverse = dispatchOp(inverters, op);
    return { ...inverse, reasons: op.reasons.map((reason) => `undo: ${reason}`) };
}

/** The down migration of an up: each op inverted, in reverse order. */
export function invertOps(ops: readonly Op[]): Op[] {
    return newTableForeignKeysSafe(ops.map(invertOp).reverse());
}

/** Risk of the inverse: undoing a create drops what the create made. */
function riskOfUndo(op: Op, becomesDrop: boolean): Op["risk"] {
    return becomesDrop ? "destructive" : op.risk === "destructive" ? "safe" : op.risk;
}

const inverters: OpTable<Op> = {
    createSchema: (op) => ({ ...op, kind: "dropSchema", risk: riskOfUndo(op, true) }),
    dropSchema: (op) => ({ ...op, kind: "createSchema", risk: riskOfUndo(op, false) }),
    createExtension: (op) => ({ ...op, kind: "dropExtension", risk: riskOfUndo(op, true) }),
    dropExtension: (op) => ({ ...op, kind: "createExtension", risk: riskOfUndo(op, false) }),
    createEnum: (op) => ({ ...op, kind: "dropEnum", risk: riskOfUndo(op, true) }),
    dropEnum: (op) => ({ ...op, kind: "createEnum", risk: riskOfUndo(op, false) }),
    alterEnum: (op) => ({ ...op, before: op.after, after: op.before, risk: removesValues(op.after.values, op.before.values) ? "destructive" : "safe" }),
    createTable: (op) => ({ ...op, kind: "dropTable", risk: riskOfUndo(op, true) }),
    dropTable: (op) => ({ ...op, kind: "createTable", risk: riskOfUndo(op, false) }),
    setTableComment: (op) => ({ ...op, before: op.after, after: op.before }),
    addColumn: ({ backfill: _filled, ...op }) => ({ ...op, kind: "dropColumn", risk: riskOfUndo(op, true) }),
    dropColumn: (op) => ({
        ...op,
        kind: "addColumn",
        risk: op.column.nullable || op.column.default !== null || op.column.generated ? "safe" : "data-dependent",
    }),
    // A backfill is not undone: the rows keep the values they were given.
    alterColumn: ({ backfill: _filled, ...op }) => ({ ...op, before: op.after, after: op.before, risk: alterColumnRisk(op.after, op.before) }),
    addPrimaryKey: (op) => ({ ...op, kind: "dropPrimaryKey", risk: "safe" }),
    dropPrimaryKey: (op) => ({ ...op, kind: "addPrimaryKey", risk: "data-dependent" }),
    createIndex: (op) => ({ ...op, kind: "dropIndex", risk: "safe" }),
    dropIndex: (op) => ({ ...op, kind: "createIndex", risk: op.index.unique ? "data-dependent" : "safe" }),
    addUnique: (op) => ({ ...op, kind: "dropUnique", risk: "safe" }),
    dropUnique: (op) => ({ ...op, kind: "addUnique", risk: "data-dependent" }),
    addForeignKey: (op) => ({ ...op, kind: "dropForeignKey", risk: "safe" }),
    dropForeignKey: (op) => ({ ...op, kind: "addForeignKey", risk: "data-dependent" }),
    addCheck: (op) => ({ ...op, kind: "dropCheck", risk: "safe" }),
    dropCheck: (op) => ({ ...op, kind: "addCheck", risk: "data-dependent" }),
    addExclusion: (op) => ({ ...op, kind: "dropExclusion", risk: "safe" }),
    dropExclusion: (op) => ({ ...op, kind: "addExclusion", risk: "data-dependent" }),
    createView: (op) => ({ ...op, kind: "dropView", risk: "safe" }),
    dropView: (op) => ({ ...op, kind: "createView", risk: "safe" }),
    insertMetadataRow: (op) => ({ ...op, kind: "deleteMetadataRow", risk: "safe" }),
    deleteMetadataRow: (op) => ({ ...op, kind: "insertMetadataRow", risk: "safe" }),
    renameTable: (op) => ({ ...op, before: op.after, after: op.before }),
    renameColumn: (op) => ({ ...op, before: op.after, after: op.before }),
    renameIndex: (op) => ({ ...op, before: op.after, after: op.before }),
    renameConstraint: (op) => ({ ...op, table: op.table, before: op.after, after: op.before }),
    renameEnum: (op) => ({ ...op, before: op.after, after: op.before }),
};

export function removesValues(before: readonly string[], after: readonly string[]): boolean {
    return before.some((value) => !after.includes(value));
}
