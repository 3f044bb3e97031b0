import type { TableDefinition } from "../../diff/ops";
import { sameTable, tableKey } from "../../schema/keys";
import type { ForeignKey, Schema, TableRef } from "../../schema/model";

/** Everything SQLite keeps inside one CREATE TABLE statement: the table's foreign keys included. */
export interface TableShape extends TableDefinition {
    readonly foreignKeys: readonly ForeignKey[];
}

export function hasTable(schema: Schema, ref: TableRef): boolean {
    return schema.tables.some((table) => sameTable(table, ref));
}

// Emitters look at the same table in the same few states (start, end, the states around
// consecutive ops) again and again; each (state, table) is cut out once.
const shapeCache = new WeakMap<Schema, Map<string, TableShape | null>>();

/** The shape of `ref` in `schema`, or null when the table is not there. */
export function shapeOf(schema: Schema, ref: TableRef): TableShape | null {
    const perTable = shapeCache.get(schema) ?? new Map<string, TableShape | null>();
    shapeCache.set(schema, perTable);
    const key = tableKey(ref);
    if (!perTable.has(key)) perTable.set(key, cutShape(schema, ref));
    return perTable.get(key) ?? null;
}

export function requireShape(schema: Schema, ref: TableRef): TableShape {
    const shape = shapeOf(schema, ref);
    if (!shape) throw new Error(`table "${ref.table}" is not in the schema`);
    return shape;
}

function cutShape(schema: Schema, ref: TableRef): TableShape | null {
    const table = schema.tables.find((t) => sameTable(t, ref));
    if (!table) return null;
    const onTable = <T extends TableRef>(list: readonly T[]) => list.filter((item) => sameTable(item, ref));
    return {
        table,
        columns: onTable(schema.columns),
        primaryKey: onTable(schema.primaryKeys)[0] ?? null,
        uniques: onTable(schema.uniques),
        checks: onTable(schema.checks),
        foreignKeys: onTable(schema.foreignKeys),
    };
}
