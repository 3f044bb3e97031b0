import type { Column } from "../schema/model";
import { memberKey } from "../schema/keys";
import { keyedBy } from "../schema/keyed";
import { columnChanges } from "./compare";

/** A column of the old schema and the one of the new schema under the same member key. */
export type ColumnPair = readonly [before: Column, after: Column];

/**
 * The columns both lists hold (by member key, in the order of `from`'s keys) whose compared
 * attributes differ (`columnChanges` non-empty): the only pairs a rebuild, a retype or an alter
 * can come from. Built once per pair of lists; on a large schema nearly every column is unchanged.
 */
export function changedColumnPairs(from: readonly Column[], to: readonly Column[]): readonly ColumnPair[] {
    let byTo = cache.get(from);
    if (byTo === undefined) {
        byTo = new WeakMap();
        cache.set(from, byTo);
    }
    let pairs = byTo.get(to);
    if (pairs === undefined) {
        const toColumns = keyedBy(to, memberKey);
        const found: ColumnPair[] = [];
        for (const [key, before] of keyedBy(from, memberKey)) {
            const after = toColumns.get(key);
            if (after !== undefined && before !== after && columnChanges(before, after).length > 0) found.push([before, after]);
        }
        pairs = found;
        byTo.set(to, found);
    }
    return pairs;
}

const cache = new WeakMap<readonly Column[], WeakMap<readonly Column[], readonly ColumnPair[]>>();
