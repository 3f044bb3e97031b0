import { deepEqual } from "../schema/equal";
import { rememberKeyed } from "../schema/keyed";
import { entryListKeys } from "../schema/keys";
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
/** An entry with a name of its own within its table (see namedMembers). */
type NamedMember = Index | Unique | Check | Exclusion;

// Enum types come from no entity of their own.
const { enums: _enums, ...listKeys } = entryListKeys;
const keyOf: { readonly [K in Kind]: (entry: SchemaLists[K][number]) => string } = listKeys;

const kinds = Object.keys(keyOf) as Kind[];

/** The kinds of entries an entity adds to the schema, one list each (enum types aside). */
export const schemaListKinds: readonly Kind[] = kinds;

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

/**
 * Remembers which entity added each entry, so that a conflict can name both entities: per kind,
 * where each entity's entries end in the list (looked up only when there is a conflict to report).
 */
export class EntryOwners {
    private readonly claims = new Map<Kind, { readonly end: number; readonly entity: string }[]>(kinds.map((kind) => [kind, []]));

    constructor(private readonly lists: SchemaLists) {}

    /** Every entry added since the last claim was added by `entity`. */
    claim(entity: string): void {
        for (const kind of kinds) {
            const claims = this.claims.get(kind) as { end: number; entity: string }[];
            const end = this.lists[kind].length;
            if (end > (claims.at(-1)?.end ?? 0)) claims.push({ end, entity });
        }
    }

    ownerOf(entry: object): string {
        for (const kind of kinds) {
            const at = (this.lists[kind] as readonly object[]).lastIndexOf(entry);
            if (at >= 0) return this.claims.get(kind)?.find((claim) => at < claim.end)?.entity ?? "an entity";
        }
        return "an entity";
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
    const merged = <K extends Kind>(kind: K): SchemaLists[K][number][] => mergeKind(kind, lists[kind], owners);
    return {
        tables: merged("tables"),
        columns: merged("columns"),
        primaryKeys: merged("primaryKeys"),
        indexes: merged("indexes"),
        uniques: merged("uniques"),
        foreignKeys: merged("foreignKeys"),
        checks: merged("checks"),
        exclusions: merged("exclusions"),
        views: merged("views"),
        metadataRows: merged("metadataRows"),
    };
}

function mergeKind<K extends Kind>(kind: K, entries: readonly SchemaLists[K][number][], owners: EntryOwners): SchemaLists[K][number][] {
    const key: (entry: SchemaLists[K][number]) => string = keyOf[kind];
    const kept = new Map<string, SchemaLists[K][number]>();
    for (const entry of entries) {
        const k = key(entry);
        const first = kept.get(k);
        if (first === undefined) kept.set(k, entry);
        else if (!deepEqual(first, entry)) throw conflict(kind, first, entry, owners);
    }
    const list = [...kept.values()];
    // The differ keys the schema's lists by the same functions: this map is that one.
    rememberKeyed(list, key, kept);
    return list;
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
    // Only the kinds namedMembers lists reach it: their entries are members with a name of their own.
    if (named !== undefined) return sameNameConflict(kind, named, first as NamedMember, second as NamedMember, owners);
    const a = attributes(first);
    const table = a.get("table");
    const where = typeof table === "string" && table !== "" ? `table "${table}"` : `"${String(a.get("name"))}"`;
    const what = kind === "tables" ? "the table" : `${singular[kind]} "${String(a.get("name"))}"`;
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
    first: NamedMember,
    second: NamedMember,
    owners: EntryOwners,
): ConflictingMetadataError {
    const who = owners.ownerOf(first) === owners.ownerOf(second) ? owners.ownerOf(first) : `${owners.ownerOf(first)} and ${owners.ownerOf(second)}`;
    const [a, b] = [columnsOf(first), columnsOf(second)];
    const why =
        a !== undefined && b !== undefined && sameColumnsReordered(a, b)
            ? `columns ${JSON.stringify(a)} and ${JSON.stringify(b)}: the same columns in a different order, which TypeORM's default name does not tell apart`
            : differences(first, second);
    const example =
        b !== undefined
            ? `, e.g. ${named.decorator}(${JSON.stringify([named.prefix, second.table, ...b].join("_"))}, [${b.map((c) => JSON.stringify(c)).join(", ")}])`
            : "";
    return new ConflictingMetadataError(
        `${who}: two ${kind} on table "${first.table}" get the same name "${first.name}" (${why}); give one of them an explicit name${example}`,
    );
}

/** `attribute: a vs b` for each attribute the two entries declare differently. */
function differences(first: Entry, second: Entry): string {
    const a = attributes(first);
    const b = attributes(second);
    return [...a.keys()]
        .filter((attribute) => !deepEqual(a.get(attribute), b.get(attribute)))
        .map((attribute) => `${attribute}: ${JSON.stringify(a.get(attribute))} vs ${JSON.stringify(b.get(attribute))}`)
        .join("; ");
}

/** An entry's attributes by name, in the entry's own order. */
function attributes(entry: Entry): ReadonlyMap<string, unknown> {
    return new Map<string, unknown>(Object.entries(entry));
}

function columnsOf(member: NamedMember): readonly string[] | undefined {
    return "columns" in member ? member.columns : undefined;
}

function sameColumnsReordered(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && !deepEqual(a, b) && deepEqual([...a].sort(), [...b].sort());
}
