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
    tables: "table",
    columns: "column",
    primaryKeys: "primary key",
    indexes: "index",
    uniques: "unique",
    foreignKeys: "foreign key",
    checks: "check",
    exclusions: "exclusion",
    views: "view",
    metadataRows: "typeorm_metadata row",
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

/** Kinds whose entries have a name of their own within the table, and the decorator that sets it. */
const namedMembers: Partial<Record<Kind, { readonly decorator: string; readonly prefix: string }>> = {
    indexes: { decorator: "@Index", prefix: "IDX" },
    uniques: { decorator: "@Unique", prefix: "UQ" },
    checks: { decorator: "@Check", prefix: "CHK" },
    exclusions: { decorator: "@Exclusion", prefix: "XCL" },
};

function conflict(kind: Kind, first: Entry, second: Entry, owners: EntryOwners): ConflictingMetadataError {
    const named = namedMembers[kind];
    if (named !== undefined) return sameNameConflict(kind, named, first, second, owners);
    const a = first as unknown as Record<string, unknown>;
    const where = "table" in a && a.table !== "" ? `table "${String(a.table)}"` : `"${String(a.name)}"`;
    const what = kind === "tables" ? "the table" : `${singular[kind]} "${String(a.name)}"`;
    return new ConflictingMetadataError(
        `${owners.ownerOf(first)} and ${owners.ownerOf(second)} both map to ${where} but declare ${what} differently (${differences(first, second)})`,
    );
}

/**
 * Two indexes (uniques, ...) of one table under one name: with default names, usually two that list
 * the same columns in another order, since TypeORM sorts the columns before hashing them.
 */
function sameNameConflict(
    kind: Kind,
    named: { decorator: string; prefix: string },
    first: Entry,
    second: Entry,
    owners: EntryOwners,
): ConflictingMetadataError {
    const a = first as unknown as { table: string; name: string; columns?: readonly string[] };
    const b = second as unknown as { table: string; name: string; columns?: readonly string[] };
    const who = owners.ownerOf(first) === owners.ownerOf(second) ? owners.ownerOf(first) : `${owners.ownerOf(first)} and ${owners.ownerOf(second)}`;
    const why =
        a.columns !== undefined && b.columns !== undefined && sameColumnsReordered(a.columns, b.columns)
            ? `columns ${JSON.stringify(a.columns)} and ${JSON.stringify(b.columns)}: the same columns in a different order, which TypeORM's default name does not tell apart`
            : differences(first, second);
    const example =
        b.columns !== undefined
            ? `, e.g. ${named.decorator}(${JSON.stringify([named.prefix, b.table, ...b.columns].join("_"))}, [${b.columns.map((c) => JSON.stringify(c)).join(", ")}])`
            : "";
    return new ConflictingMetadataError(
        `${who}: two ${kind} on table "${a.table}" get the same name "${a.name}" (${why}); give one of them an explicit name${example}`,
    );
}

/** `attribute: a vs b` for each attribute the two entries declare differently. */
function differences(first: Entry, second: Entry): string {
    const a = first as unknown as Record<string, unknown>;
    const b = second as unknown as Record<string, unknown>;
    return Object.keys(a)
        .filter((attribute) => !deepEqual(a[attribute], b[attribute]))
        .map((attribute) => `${attribute}: ${JSON.stringify(a[attribute])} vs ${JSON.stringify(b[attribute])}`)
        .join("; ");
}

function sameColumnsReordered(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && !deepEqual(a, b) && deepEqual([...a].sort(), [...b].sort());
}
