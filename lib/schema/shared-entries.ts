import { keyedBy, rememberKeyed } from "./keyed";
import { entryListKeys } from "./keys";
import type { Schema } from "./model";

/**
 * Hands out a reference schema's own entries in place of equal ones. A head state read back from
 * the state cache and the entities' schema are, on a schema that changed by one column, the same
 * entries twice (at 10,000 tables, 182,500 columns of 24 fields each: some 50 MB a copy); the state
 * that takes the entities' objects where they are equal holds one copy. Schema entries are never
 * mutated, so sharing one is invisible, except to `===`, which then answers equal sooner.
 */
export class EntrySharing {
    private readonly lists = new Map<string, { readonly key: (entry: never) => string; readonly byKey: ReadonlyMap<string, unknown> }>();

    constructor(private readonly reference: Schema) {}

    /**
     * `entry` of the list `field`, as parsed from JSON: the reference's entry with its key when
     * that one is the same JSON (same fields in the same order, same values), else `entry`.
     */
    share<T>(field: string, entry: T): T {
        const list = this.listOf(field);
        if (list === null || typeof entry !== "object" || entry === null) return entry;
        const own = list.byKey.get(list.key(entry as never));
        return own !== undefined && sameJson(own, entry) ? (own as T) : entry;
    }

    /**
     * Builds `list`'s keyed map (as `keyedBy(list, key)` would: same keys, same order) with the
     * reference's key strings for the entries it shares: a column map's keys are some 8 MB at
     * 10,000 tables, and the differ keys both schemas. Both lists are in canonical order, so the
     * shared entries come in the reference's order, with the reference's own entries between
     * them: a walk along the reference finds each. The walk goes no further than twice the
     * reference's length in all (an order that differs falls back to keys made anew).
     */
    rememberKeys(field: string, list: readonly unknown[]): void {
        const reference = this.listOf(field);
        if (reference === null) return;
        const keys = [...reference.byKey.keys()];
        const entries = [...reference.byKey.values()];
        const keyed = new Map<string, unknown>();
        let next = 0;
        let budget = 2 * entries.length;
        for (const entry of list) {
            if (next < entries.length && entries[next] === entry) {
                keyed.set(keys[next++], entry);
                continue;
            }
            const key = reference.key(entry as never);
            let at = next;
            if (reference.byKey.get(key) === entry) while (at < entries.length && entries[at] !== entry && budget-- > 0) at++;
            if (at < entries.length && entries[at] === entry) {
                keyed.set(keys[at], entry);
                next = at + 1;
            } else keyed.set(key, entry);
        }
        rememberKeyed(list, reference.key as (entry: unknown) => string, keyed);
    }

    private listOf(field: string): { readonly key: (entry: never) => string; readonly byKey: ReadonlyMap<string, unknown> } | null {
        let list = this.lists.get(field);
        if (list === undefined) {
            if (!Object.hasOwn(entryListKeys, field)) return null;
            const name = field as keyof typeof entryListKeys;
            const key: (entry: never) => string = entryListKeys[name];
            const entries: readonly unknown[] = this.reference[name] ?? [];
            // The differ keys these lists the same way (keyedBy caches the map on the list): it builds no second one.
            list = { key, byKey: keyedBy(entries as readonly never[], key) };
            this.lists.set(field, list);
        }
        return list;
    }
}

/**
 * Whether `JSON.stringify(a) === JSON.stringify(b)` for values JSON.parse makes (and schema
 * entries): same own keys in the same order, same primitives. A key holding `undefined` counts
 * as a difference, not as absent: the shared entry must be the parsed one in every way.
 */
export function sameJson(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
        return true;
    }
    if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
    const aKeys = Object.keys(a);
    const bKeys = Object.keys(b);
    if (aKeys.length !== bKeys.length) return false;
    const aRecord = a as Record<string, unknown>;
    const bRecord = b as Record<string, unknown>;
    for (let i = 0; i < aKeys.length; i++) {
        const key = aKeys[i];
        if (key !== bKeys[i]) return false;
        const value = aRecord[key];
        if (value === undefined || !sameJson(value, bRecord[key])) return false;
    }
    return true;
}
