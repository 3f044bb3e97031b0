/**
 * A list of schema entries as a map from key to entry, built once per list and key function:
 * schema lists never change, and the differ looks the same ones up from several places (on a
 * 10,000-table schema each column map has 100,000 entries).
 */
export function keyedBy<T>(list: readonly T[], key: (entry: T) => string): ReadonlyMap<string, T> {
    let byFunction = cache.get(list);
    if (byFunction === undefined) {
        byFunction = new Map();
        cache.set(list, byFunction);
    }
    let keyed = byFunction.get(key) as Map<string, T> | undefined;
    if (keyed === undefined) {
        keyed = new Map(list.map((entry) => [key(entry), entry]));
        byFunction.set(key, keyed);
    }
    return keyed;
}

const cache = new WeakMap<readonly unknown[], Map<Function, ReadonlyMap<string, unknown>>>();
