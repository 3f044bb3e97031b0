import type { Column, Schema } from "./model";
import { memberKey, metadataRowKey, namedKey, tableKey } from "./keys";

/**
 * The one stable form of a schema: every collection sorted by its key; columns grouped by table
 * (tables in key order) and kept in the table's own column order. Equal schemas serialize to
 * identical bytes.
 */
export function canonicalize(schema: Schema): Schema {
    if (canonical.has(schema)) return schema;
    const result: Schema = {
        version: schema.version,
        dialect: schema.dialect,
        typeormVersion: schema.typeormVersion,
        defaultSchema: schema.defaultSchema,
        schemas: [...schema.schemas].sort(compareStrings),
        extensions: [...schema.extensions].sort(compareStrings),
        enums: sortBy(schema.enums, namedKey),
        tables: sortBy(schema.tables, tableKey),
        columns: groupColumnsByTable(schema.columns),
        primaryKeys: sortBy(schema.primaryKeys, memberKey),
        indexes: sortBy(schema.indexes, memberKey),
        uniques: sortBy(schema.uniques, memberKey),
        foreignKeys: sortBy(schema.foreignKeys, memberKey),
        checks: sortBy(schema.checks, memberKey),
        exclusions: sortBy(schema.exclusions ?? [], memberKey),
        views: sortBy(schema.views, namedKey),
        metadataRows: sortBy(schema.metadataRows, metadataRowKey),
        // Absent rather than empty, so that a schema without any keeps its shape and bytes.
        ...(schema.unmanagedIndexes !== undefined && schema.unmanagedIndexes.length > 0
            ? { unmanagedIndexes: sortBy([...new Map(schema.unmanagedIndexes.map((ref) => [memberKey(ref), ref])).values()], memberKey) }
            : {}),
    };
    canonical.add(result);
    return result;
}

/**
 * The schemas `canonicalize` returned (schemas are never mutated): canonicalizing one again gives
 * it back as it is, instead of a pass over every list (the differ and replay canonicalize their
 * inputs, on a 1,000-table schema some 20,000 keys each time).
 */
const canonical = new WeakSet<Schema>();

/** `schema` recorded with another TypeORM version; canonical if `schema` was. */
export function withTypeormVersion(schema: Schema, typeormVersion: string): Schema {
    const result = { ...schema, typeormVersion };
    if (canonical.has(schema)) canonical.add(result);
    return result;
}

export function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

// Most schemas the differ sees are canonical already (states replayed from deltas, the reader's
// output): checking is one pass, sorting allocates three arrays.
function sortBy<T>(list: readonly T[], key: (t: T) => string): T[] {
    if (isOrdered(list, key)) return list as T[];
    return list
        .map((item) => ({ item, k: key(item) }))
        .sort((a, b) => compareStrings(a.k, b.k))
        .map(({ item }) => item);
}

/** Stable: columns of one table keep their relative order. */
function groupColumnsByTable(columns: readonly Column[]): Column[] {
    if (isOrdered(columns, tableKey)) return columns as Column[];
    return columns
        .map((column, at) => ({ column, at, k: tableKey(column) }))
        .sort((a, b) => compareStrings(a.k, b.k) || a.at - b.at)
        .map(({ column }) => column);
}

/** True when the keys never decrease along the list (ties keep their order, as a stable sort would). */
function isOrdered<T>(list: readonly T[], key: (t: T) => string): boolean {
    let previous = "";
    for (let i = 0; i < list.length; i++) {
        const current = key(list[i]);
        if (i > 0 && compareStrings(previous, current) > 0) return false;
        previous = current;
    }
    return true;
}
