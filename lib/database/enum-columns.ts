import type { Op } from "../diff/ops";
import type { Column, EnumType, Schema } from "../schema/model";
import { deepEqual } from "../schema/equal";
import { memberKey, namedKey } from "../schema/keys";

/**
 * The live schema with each PostgreSQL enum column's values as the snapshot has them, where they
 * differ only because its enum type's values changed: drift then lists that change once, as the
 * type's `alterEnum`, not again as an `alterColumn` of every column of the type (and a re-creation
 * of every view reading their tables).
 */
export function withEnumChangesOnTypes(expected: Schema, live: Schema): Schema {
    if (live.enums.length === 0) return live;
    const typesBefore = new Map(expected.enums.map((type) => [namedKey(type), type]));
    const changedTypes = live.enums.filter((type) => {
        const before = typesBefore.get(namedKey(type));
        return before !== undefined && !deepEqual(before.values, type.values);
    });
    if (changedTypes.length === 0) return live;
    const columnsBefore = new Map(expected.columns.map((column) => [memberKey(column), column]));
    const columns = live.columns.map((column) => {
        const before = columnsBefore.get(memberKey(column));
        if (before === undefined) return column;
        const type = changedTypes.find((t) => echoesType(column, t));
        const typeBefore = type === undefined ? undefined : typesBefore.get(namedKey(type));
        return typeBefore !== undefined && echoesType(before, typeBefore) ? { ...column, enum: before.enum } : column;
    });
    return { ...live, columns };
}

function echoesType(column: Column, type: EnumType): boolean {
    return column.enumName === type.name && deepEqual(column.enum, type.values);
}

/**
 * An enum type whose values were removed, renamed or reordered by hand is planned as two steps
 * (values added before the columns change, the type rebuilt after them); drift lists it once.
 */
export function withEnumChangesOnce(ops: readonly Op[]): Op[] {
    const result: Op[] = [];
    for (const op of ops) {
        if (op.kind !== "alterEnum") {
            result.push(op);
            continue;
        }
        const at = result.findIndex(
            (earlier) => earlier.kind === "alterEnum" && namedKey(earlier.after) === namedKey(op.before) && deepEqual(earlier.after, op.before),
        );
        const earlier = result[at];
        if (earlier?.kind !== "alterEnum") result.push(op);
        else result[at] = { ...op, before: earlier.before };
    }
    return result;
}
