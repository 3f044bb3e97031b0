import type { Catalog, CatalogEntry } from "./catalog";

export interface DiffLabels {
    readonly a: string;
    readonly b: string;
}

/**
 * Lists the differences between two catalog dumps, one readable line each; `[]` when equal.
 * Entries are matched by key, so physical order (column order, query order) never matters.
 *
 * @example
 * diffCatalogs(migrated, synchronized, { a: "migrated", b: "synchronized" })
 * // ['columns public.post.title: type "character varying(200)" (migrated) ≠ "character varying(250)" (synchronized)']
 */
export function diffCatalogs(a: Catalog, b: Catalog, labels: DiffLabels = { a: "a", b: "b" }): string[] {
    const kinds = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return kinds.flatMap((kind) => diffKind(kind, a[kind] ?? [], b[kind] ?? [], labels));
}

function diffKind(kind: string, a: readonly CatalogEntry[], b: readonly CatalogEntry[], labels: DiffLabels): string[] {
    const byKeyA = indexByKey(a);
    const byKeyB = indexByKey(b);
    const differences: string[] = [];
    for (const [id, entryA] of byKeyA) {
        const entryB = byKeyB.get(id);
        if (entryB === undefined) {
            differences.push(`${kind} ${label(entryA)}: only in ${labels.a} ${describeProperties(entryA)}`);
        } else {
            differences.push(...diffEntry(kind, entryA, entryB, labels));
        }
    }
    for (const [id, entryB] of byKeyB) {
        if (!byKeyA.has(id)) {
            differences.push(`${kind} ${label(entryB)}: only in ${labels.b} ${describeProperties(entryB)}`);
        }
    }
    return differences;
}

function diffEntry(kind: string, a: CatalogEntry, b: CatalogEntry, labels: DiffLabels): string[] {
    const properties = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => p !== "key").sort();
    return properties
        .filter((property) => JSON.stringify(a[property]) !== JSON.stringify(b[property]))
        .map((property) => `${kind} ${label(a)}: ${property} ${JSON.stringify(a[property])} (${labels.a})` + ` ≠ ${JSON.stringify(b[property])} (${labels.b})`);
}

function indexByKey(entries: readonly CatalogEntry[]): Map<string, CatalogEntry> {
    return new Map(entries.map((entry) => [JSON.stringify(entry.key), entry]));
}

function label(entry: CatalogEntry): string {
    return entry.key.join(".");
}

function describeProperties(entry: CatalogEntry): string {
    const { key: _key, ...properties } = entry;
    return Object.keys(properties).length === 0 ? "" : JSON.stringify(properties);
}
