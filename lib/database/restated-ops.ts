import type { Op } from "../diff/ops";
import { deepEqual } from "../schema/equal";
import { memberKey, namedKey } from "../schema/keys";
import type { Schema, TableRef } from "../schema/model";

type Member = TableRef & { readonly name: string };

/** The object an op drops or re-creates, and where the same object is looked up in either schema. */
type Restatable = { readonly entry: Member; readonly of: (schema: Schema) => readonly Member[] } | { readonly view: Schema["views"][number] };

function restatable(op: Op): Restatable | null {
    switch (op.kind) {
        case "createView":
        case "dropView":
            return { view: op.view };
        case "createIndex":
        case "dropIndex":
            return { entry: op.index, of: (schema) => schema.indexes };
        case "addForeignKey":
        case "dropForeignKey":
            return { entry: op.foreignKey, of: (schema) => schema.foreignKeys };
        case "addUnique":
        case "dropUnique":
            return { entry: op.unique, of: (schema) => schema.uniques };
        case "addCheck":
        case "dropCheck":
            return { entry: op.check, of: (schema) => schema.checks };
        case "addExclusion":
        case "dropExclusion":
            return { entry: op.exclusion, of: (schema) => schema.exclusions };
        default:
            return null;
    }
}

const trimmed = (view: Schema["views"][number]) => ({ ...view, expression: view.expression.trim() });

/** Whether the op's object is in both schemas, the same. */
function unchanged(op: Op, expected: Schema, live: Schema): boolean {
    const object = restatable(op);
    if (object === null) return false;
    if ("view" in object) {
        const find = (schema: Schema) => schema.views.find((view) => namedKey(view) === namedKey(object.view));
        const [before, after] = [find(expected), find(live)];
        return before !== undefined && after !== undefined && deepEqual(trimmed(before), trimmed(after));
    }
    const find = (schema: Schema) => object.of(schema).find((entry) => memberKey(entry) === memberKey(object.entry));
    const [before, after] = [find(expected), find(live)];
    return before !== undefined && after !== undefined && deepEqual(before, after);
}

/**
 * Drift without what a migration would only restate: a view that reads a table whose column
 * changed by hand, an index or a foreign key over that column, is dropped and re-created by the
 * migration the differ plans, yet the database holds it as the snapshot does. Each hand-made
 * change is then listed once, as what changed.
 */
export function withoutRestatements(ops: readonly Op[], expected: Schema, live: Schema): Op[] {
    return ops.filter((op) => !unchanged(op, expected, live) && !leftByForeignKey(op, ops));
}

/**
 * MySQL keeps the index backing a foreign key dropped by hand, under the key's name; the model
 * lists no such index while the key stands. Its appearance is part of the key's removal.
 */
function leftByForeignKey(op: Op, ops: readonly Op[]): boolean {
    if (op.kind !== "createIndex" || op.index.unique) return false;
    const { index } = op;
    return ops.some(
        (other) => other.kind === "dropForeignKey" && memberKey(other.foreignKey) === memberKey(index) && deepEqual(other.foreignKey.columns, index.columns),
    );
}
