import type { Schema } from "./model";

/** Where an entry came from: the unit kept under `key`, its read at `read`, the list `field`, position `at`. */
export interface EntryOrigin {
    readonly key: string;
    readonly read: number;
    readonly field: string;
    readonly at: number;
}

/**
 * The entries of an entities' schema read from units of the unit cache, by where each came from.
 * A unit's key vouches for what it reads, so an entry named by its origin is the same JSON in
 * every run that finds that unit kept: a head state written in one run names its entries this way
 * where they are the entities' own, and a later run that kept those units takes them without
 * parsing the head state's copy (at 1,000 tables most of the 8.5 MB it would parse, entries the
 * sharing would then have thrown away for the entities' equal ones).
 */
export class EntryOrigins {
    private readonly units: { readonly key: string; readonly reads: readonly object[] }[] = [];
    /** The reads of the units this run found kept, by key: only these name an entry a later run can find. */
    private readonly kept = new Map<string, readonly object[]>();

    /**
     * The entries of a unit's reads under its key; `kept` when they were read back from the cache
     * (JSON as kept), not built in this run.
     */
    add(key: string, reads: readonly object[], kept: boolean): void {
        this.units.push({ key, reads });
        if (kept) this.kept.set(key, reads);
    }

    /** The entries `count` from `origin` on, from a unit kept in this run; null when any is not at hand. */
    entriesAt(origin: EntryOrigin, count: number): readonly unknown[] | null {
        const read = this.kept.get(origin.key)?.[origin.read] as Readonly<Record<string, unknown>> | undefined;
        const list = read?.[origin.field];
        if (!Array.isArray(list) || origin.at + count > list.length) return null;
        return (list as readonly unknown[]).slice(origin.at, origin.at + count);
    }

    /**
     * Where each entry came from, looked up by the entry. Made for one state written (rarely: after
     * a new revision) and let go after it: at 10,000 tables it maps 250,000 entries, each to a small
     * integer (a unit's read's list, and the position in it) rather than an object of its own.
     */
    lookup(): (entry: unknown) => EntryOrigin | undefined {
        const lists: { readonly key: string; readonly read: number; readonly field: string }[] = [];
        const places = new Map<object, number>();
        for (const { key, reads } of this.units) {
            reads.forEach((read, at) => {
                for (const [field, list] of Object.entries(read)) {
                    if (!Array.isArray(list) || list.length === 0 || lists.length >= maxLists) continue;
                    const base = lists.length * perList;
                    lists.push({ key, read: at, field });
                    // An entry past the last place a list can name has no origin (its line is written whole).
                    (list as unknown[]).slice(0, perList).forEach((entry, position) => {
                        if (typeof entry === "object" && entry !== null) places.set(entry, base + position);
                    });
                }
            });
        }
        return (entry) => {
            const place = typeof entry === "object" && entry !== null ? places.get(entry) : undefined;
            if (place === undefined) return undefined;
            const list = lists[Math.floor(place / perList)];
            return { key: list.key, read: list.read, field: list.field, at: place % perList };
        };
    }
}

/** Places a list can name, and lists in all: their product stays a small integer (V8 keeps it unboxed). */
const perList = 4096;
const maxLists = 2 ** 18;

const schemaOrigins = new WeakMap<Schema, EntryOrigins>();

/** Remembers where `schema`'s entries came from (the reader, for the state cache). */
export function rememberOrigins(schema: Schema, origins: EntryOrigins): void {
    schemaOrigins.set(schema, origins);
}

/**
 * Where `schema`'s entries came from, given once: the state cache reads and writes with it in one
 * step, and the reads it holds (at 10,000 tables some 8 MB beside the schema's own lists) go then.
 */
export function takeOrigins(schema: Schema | undefined): EntryOrigins | undefined {
    if (schema === undefined) return undefined;
    const origins = schemaOrigins.get(schema);
    schemaOrigins.delete(schema);
    return origins;
}
