/**
 * A raw dump of a database's schema, made for comparing two databases.
 *
 * Each kind (`tables`, `columns`, `indexes`, ...) holds entries sorted by `key`, the parts
 * that identify the entry (schema, table, name, ...). Every other property is compared.
 * Entries are JSON-serializable so a failing test can print them.
 */
export interface Catalog {
    readonly [kind: string]: readonly CatalogEntry[];
}

/** A row of a `typeorm_metadata` table, as the catalog dumps read it. */
export interface TypeormMetadataRow {
    readonly type: string;
    readonly database: string | null;
    readonly schema: string | null;
    readonly table: string | null;
    readonly name: string | null;
    readonly value: string | null;
}

export interface CatalogEntry {
    readonly key: readonly string[];
    readonly [property: string]: unknown;
}

/**
 * Sorts entries by key. A key that occurs more than once gets its occurrence number appended
 * (`#2`, `#3`) so entries stay distinct; duplicates are sorted by content first, so the
 * numbering doesn't depend on the order a catalog query returned them in.
 */
export function sortEntries(entries: readonly CatalogEntry[]): CatalogEntry[] {
    const sorted = [...entries].sort((a, b) => compareKeys(a.key, b.key) || compareStrings(JSON.stringify(a), JSON.stringify(b)));
    const seen = new Map<string, number>();
    return sorted.map((entry) => {
        const id = JSON.stringify(entry.key);
        const count = (seen.get(id) ?? 0) + 1;
        seen.set(id, count);
        return count === 1 ? entry : { ...entry, key: [...entry.key, `#${count}`] };
    });
}

export function compareKeys(a: readonly string[], b: readonly string[]): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const order = compareStrings(a[i], b[i]);
        if (order !== 0) return order;
    }
    return a.length - b.length;
}

function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
