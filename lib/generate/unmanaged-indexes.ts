import { canonicalize } from "../schema/canonical";
import { memberKey } from "../schema/keys";
import type { Schema } from "../schema/model";
import { withCatalogOnlyKept } from "./catalog-only-kept";

/**
 * What the entities mean, given the state they are compared with: `current` plus each index of
 * `previous` that the entities now declare with `synchronize: false`. synchronize() neither creates
 * nor drops such an index, so once it exists it stays, in the database and in the snapshots; one
 * that does not exist yet is not made. What entities cannot declare at all (a table's collation,
 * an index's prefix lengths, an index over expressions) is kept too (./catalog-only-kept.ts).
 *
 * @example
 * const target = withUnmanagedIndexesKept(store.stateAt(head, current), current);
 */
export function withUnmanagedIndexesKept(previous: Schema, current: Schema): Schema {
    return withCatalogOnlyKept(previous, withUnmanaged(previous, current));
}

function withUnmanaged(previous: Schema, current: Schema): Schema {
    const unmanaged = new Set((current.unmanagedIndexes ?? []).map(memberKey));
    if (unmanaged.size === 0) return current;
    const declared = new Set(current.indexes.map(memberKey));
    const kept = previous.indexes.filter((index) => unmanaged.has(memberKey(index)) && !declared.has(memberKey(index)));
    return kept.length === 0 ? current : canonicalize({ ...current, indexes: [...current.indexes, ...kept] });
}
