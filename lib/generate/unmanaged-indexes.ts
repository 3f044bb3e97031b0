import type { Op } from "../diff/ops";
import { noRenames, renameOps, type RenameDecisions } from "../diff/renames";
import { canonicalize } from "../schema/canonical";
import { memberKey } from "../schema/keys";
import type { Schema } from "../schema/model";
import { expressionIndexesLeft, explainedIndexesLeft, withCatalogOnlyKept } from "./catalog-only-kept";

/**
 * What the entities mean, given the state they are compared with: `current` plus each index of
 * `previous` that the entities now declare with `synchronize: false`. synchronize() neither creates
 * nor drops such an index, so once it exists it stays, in the database and in the snapshots; one
 * that does not exist yet is not made. What entities cannot declare at all (a table's collation,
 * an index's prefix lengths, an index over expressions) is kept too (./catalog-only-kept.ts).
 * `previous` is read through the `renames` the user accepted, so what is kept follows them.
 *
 * @example
 * const target = withUnmanagedIndexesKept(store.stateAt(head, current), current, request.renames);
 */
export function withUnmanagedIndexesKept(previous: Schema, current: Schema, renames: RenameDecisions = noRenames): Schema {
    const moved = afterRenames(previous, current, renames);
    return withCatalogOnlyKept(moved, withUnmanaged(moved, current), renames.columns);
}

/**
 * `ops` (from `previous` to `withUnmanagedIndexesKept(previous, current, renames)`) with the reason
 * each index over expressions that is not kept is dropped.
 */
export function explainedDrops(ops: Op[], previous: Schema, current: Schema, renames: RenameDecisions = noRenames): Op[] {
    return explainedIndexesLeft(ops, expressionIndexesLeft(afterRenames(previous, current, renames), current, renames.columns));
}

function afterRenames(previous: Schema, current: Schema, renames: RenameDecisions): Schema {
    if (renames.tables.length === 0 && renames.columns.length === 0) return previous;
    return renameOps(previous, current, renames).renamed;
}

function withUnmanaged(previous: Schema, current: Schema): Schema {
    const unmanaged = new Set((current.unmanagedIndexes ?? []).map(memberKey));
    if (unmanaged.size === 0) return current;
    const declared = new Set(current.indexes.map(memberKey));
    const kept = previous.indexes.filter((index) => unmanaged.has(memberKey(index)) && !declared.has(memberKey(index)));
    return kept.length === 0 ? current : canonicalize({ ...current, indexes: [...current.indexes, ...kept] });
}
