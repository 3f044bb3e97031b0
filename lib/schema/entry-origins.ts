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
    /** Made when a state is written (rarely: after a new revision), not on every read (at 10,000 tables, 250,000 entries). */
    private origins: Map<object, EntryOrigin> | undefined;

    /**
     * The entries of a unit's reads under its key; `kept` when they were read back from the cache
     * (JSON as kept), not built in this run.
     */
    add(key: string, reads: readonly object[], kept: boolean): void {
        this.units.push({ key, reads });
        this.origins = undefined;
        if (kept) this.kept.set(key, reads);
    }

    originOf(entry: unknown): EntryOrigin | undefined {
        return typeof entry === "object" && entry !== null ? this.byEntry().get(entry) : undefined;
    }

    /** The entries `count` from `origin` on, from a unit kept in this run; null when any is not at hand. */
    entriesAt(origin: EntryOrigin, count: number): readonly unknown[] | null {
        const read = this.kept.get(origin.key)?.[origin.read] as Readonly<Record<string, unknown>> | undefined;
        const list = read?.[origin.field];
        if (!Array.isArray(list) || origin.at + count > list.length) return null;
        return (list as readonly unknown[]).slice(origin.at, origin.at + count);
    }

    private byEntry(): Map<object, EntryOrigin> {
        if (this.origins !== undefined) return this.origins;
        const origins = new Map<object, EntryOrigin>();
        for (const { key, reads } of this.units) {
            reads.forEach((read, at) => {
                for (const [field, list] of Object.entries(read)) {
                    if (!Array.isArray(list)) continue;
                    list.forEach((entry: unknown, position) => {
                        if (typeof entry === "object" && entry !== null) origins.set(entry, { key, read: at, field, at: position });
                    });
                }
            });
        }
        this.origins = origins;
        return origins;
    }
}

const schemaOrigins = new WeakMap<Schema, EntryOrigins>();

/** Remembers where `schema`'s entries came from (the reader, for the state cache). */
export function rememberOrigins(schema: Schema, origins: EntryOrigins): void {
    schemaOrigins.set(schema, origins);
}

export function originsOf(schema: Schema | undefined): EntryOrigins | undefined {
    return schema === undefined ? undefined : schemaOrigins.get(schema);
}
