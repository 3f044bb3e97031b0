/** A key function of any entry type, as the caches tell them apart. */
type KeyFunction = (entry: never) => string;

/**
 * A list of schema entries as a map from key to entry, built once per list and key function:
 * schema lists never change, and the differ looks the same ones up from several places (on a
 * 10,000-table schema each column map has 100,000 entries).
 */
export function keyedBy<T>(list: readonly T[], key: (entry: T) => string): ReadonlyMap<string, T> {
    const byFunction = cachesOf(list);
    let keyed = byFunction.get(key) as ReadonlyMap<string, T> | undefined;
    if (keyed === undefined) {
        keyed = new Map(list.map((entry) => [key(entry), entry]));
        byFunction.set(key, keyed);
    }
    return keyed;
}

/**
 * Records `keyed` as what `keyedBy(list, key)` returns: for a list built from such a map
 * (`[...keyed.values()]`, so its keys are unique and in list order), which saves the differ a pass.
 */
export function rememberKeyed<T>(list: readonly T[], key: (entry: T) => string, keyed: ReadonlyMap<string, T>): void {
    cachesOf(list).set(key, keyed);
}

function cachesOf(list: readonly unknown[]): Map<KeyFunction, ReadonlyMap<string, unknown>> {
    let byFunction = cache.get(list);
    if (byFunction === undefined) {
        byFunction = new Map();
        cache.set(list, byFunction);
    }
    return byFunction;
}

const cache = new WeakMap<readonly unknown[], Map<KeyFunction, ReadonlyMap<string, unknown>>>();

/** A list's entries grouped by `key` (e.g. columns by table), in list order; built once per list and key function. */
export function groupedBy<T>(list: readonly T[], key: (entry: T) => string): ReadonlyMap<string, readonly T[]> {
    let byFunction = groups.get(list);
    if (byFunction === undefined) {
        byFunction = new Map();
        groups.set(list, byFunction);
    }
    let grouped = byFunction.get(key) as Map<string, T[]> | undefined;
    if (grouped === undefined) {
        grouped = new Map();
        for (const entry of list) {
            const k = key(entry);
            const group = grouped.get(k);
            if (group) group.push(entry);
            else grouped.set(k, [entry]);
        }
        byFunction.set(key, grouped);
    }
    return grouped;
}

const groups = new WeakMap<readonly unknown[], Map<KeyFunction, ReadonlyMap<string, readonly unknown[]>>>();
