import type { TableRef } from "./model";

/**
 * Identity keys for schema entries. JSON arrays, so no name can collide with another by
 * holding a separator character.
 */
export function tableKey(ref: TableRef): string {
    return JSON.stringify([ref.schema, ref.table]);
}

export function memberKey(ref: TableRef & { readonly name: string }): string {
    return JSON.stringify([ref.schema, ref.table, ref.name]);
}

export function namedKey(entry: { readonly schema: string; readonly name: string }): string {
    return JSON.stringify([entry.schema, entry.name]);
}

export function sameTable(a: TableRef, b: TableRef): boolean {
    return a.schema === b.schema && a.table === b.table;
}

export function metadataRowKey(row: { readonly type: string; readonly schema: string; readonly table: string; readonly name: string }): string {
    return JSON.stringify([row.type, row.schema, row.table, row.name]);
}
