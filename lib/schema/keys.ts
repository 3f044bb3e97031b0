import type { TableRef } from "./model";

/**
 * Identity keys for schema entries: the name parts joined by NUL, a character no database
 * accepts in an identifier, so no name can collide with another by holding the separator. (Plain
 * concatenation: the differ builds these keys hundreds of thousands of times on a large schema,
 * and JSON encoding them cost it most of its time.)
 */
const separator = "\u0000";

export function tableKey(ref: TableRef): string {
    return ref.schema + separator + ref.table;
}

export function memberKey(ref: TableRef & { readonly name: string }): string {
    return ref.schema + separator + ref.table + separator + ref.name;
}

export function namedKey(entry: { readonly schema: string; readonly name: string }): string {
    return entry.schema + separator + entry.name;
}

export function sameTable(a: TableRef, b: TableRef): boolean {
    return a.schema === b.schema && a.table === b.table;
}

export function metadataRowKey(row: { readonly type: string; readonly schema: string; readonly table: string; readonly name: string }): string {
    return row.type + separator + row.schema + separator + row.table + separator + row.name;
}
