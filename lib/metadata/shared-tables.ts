import { deepEqual } from "../schema/equal";
import { memberKey, metadataRowKey, namedKey, tableKey } from "../schema/keys";
import type { Check, Column, Exclusion, ForeignKey, Index, MetadataRow, PrimaryKey, Table, Unique, View } from "../schema/model";
import { ConflictingMetadataError } from "./errors";

/** What the reader collects from the entities, one list per kind. */
export interface SchemaLists {
    readonly tables: Table[];
    readonly columns: Column[];
    readonly primaryKeys: PrimaryKey[];
    readonly indexes: Index[];
    readonly uniques: Unique[];
    readonly foreignKeys: ForeignKey[];
    readonly checks: Check[];
    readonly exclusions: Exclusion[];
    readonly views: View[];
    readonly metadataRows: MetadataRow[];
}

type Kind = keyof SchemaLists;
type Entry = SchemaLists[Kind][number];

const keyOf: { readonly [K in Kind]: (entry: SchemaLists[K][number]) => string } = {
    tables: tableKey,
    columns: memberKey,
    primaryKeys: tableKey,
    indexes: memberKey,
    uniques: memberKey,
    foreignKeys: memberKey,
    checks: memberKey,
    exclusions: memberKey,
    views: namedKey,
    metadataRows: metadataRowKey,
};

const kinds = Object.keys(keyOf) as Kind[];

const singular: { readonly [K in Kind]: string } = {
    tables: "table", columns: "column", primaryKeys: "primary key", indexes: "index", uniques: "unique", foreignKeys: "foreign key",
    checks: "check", exclusions: "exclusion", views: "view", metadataRows: "typeorm_metadata row",
};

/** Remembers which entity added each entry, so that a conflict can name both entities. */
export class EntryOwners {
    private readonly owners = new WeakMap<object, string>();
    private readonly claimed = new Map<Kind, number>();

    constructor(private readonly lists: SchemaLists) {}

    /** Every entry added since the last claim was added by `entity`. */
    claim(entity: string): void {
        for (const kind of kinds) {
            const list = this.lists[kind] as readonly object[];
            for (let i = this.claimed.get(kind) ?? 0; i < list.length; i++) this.owners.set(list[i], entity);
            this.claimed.set(kind, list.length);
        }
    }

    ownerOf(entry: object): string {
        return this.owners.get(entry) ?? "an entity";
    }
}

/**
 * TypeORM lets several entities map to one table: classes sharing `@Entity({ name })`, and the
 * closure table it builds once more for every single-table child of a closure-table tree. On a
 * fresh database synchronize() creates the table from the first and adds what the others declare
 * besides (columns, indexes, constraints). So entries are kept once; an entry two entities declare
 * differently (a column of another type) is a conflict, since synchronize()'s result would depend
 * on the order of the entities.
 */
export function mergeSharedTables(lists: SchemaLists, owners: EntryOwners): SchemaLists {
    const merged = Object.fromEntries(kinds.map((kind) => [kind, mergeKind(kind, lists[kind], owners)]));
    return merged as unknown as SchemaLists;
}

function mergeKind(kind: Kind, entries: readonly Entry[], owners: EntryOwners): Entry[] {
    const key = keyOf[kind] as (entry: Entry) => string;
    const kept = new Map<string, Entry>();
    for (const entry of entries) {
        const first = kept.get(key(entry));
        if (first === undefined) kept.set(key(entry), entry);
        else if (!deepEqual(first, entry)) throw conflict(kind, first, entry, owners);
    }
    return [...kept.values()];
}

function conflict(kind: Kind, first: Entry, second: Entry, owners: EntryOwners): ConflictingMetadataError {
    const a = first as unknown as Record<string, unknown>;
    const b = second as unknown as Record<string, unknown>;
    const differing = Object.keys(a).filter((attribute) => !deepEqual(a[attribute], b[attribute]));
    const where = "table" in a && a.table !== "" ? `table "${String(a.table)}"` : `"${String(a.name)}"`;
    const what = kind === "tables" ? "the table" : `${singular[kind]} "${String(a.name)}"`;
    return new ConflictingMetadataError(
        `${owners.ownerOf(first)} and ${owners.ownerOf(second)} both map to ${where} but declare ${what} differently ` +
        `(${differing.map((attribute) => `${attribute}: ${JSON.stringify(a[attribute])} vs ${JSON.stringify(b[attribute])}`).join("; ")})`,
    );
}
