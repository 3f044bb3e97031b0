import type { Column, Schema, TableRef } from "../schema/model";
import { columnKey, diagramTableName, tableKey } from "./erd-tables";

export type ColumnChange = { readonly kind: "added" } | { readonly kind: "altered"; readonly fields: readonly string[] };

/** What one revision changed, as a diagram marks it: keyed by `tableKey` / `columnKey` of the schema drawn. */
export interface SchemaChanges {
    readonly revision: string;
    readonly addedTables: ReadonlySet<string>;
    /** Tables kept whose columns, keys, indexes or options changed, with what changed in words. */
    readonly alteredTables: ReadonlyMap<string, readonly string[]>;
    readonly columns: ReadonlyMap<string, ColumnChange>;
    /** Diagram names (`table`, `schema.table`) of the tables it dropped. */
    readonly droppedTables: readonly string[];
    /** `table.column` of the columns it dropped from tables it kept. */
    readonly droppedColumns: readonly string[];
}

type Member = TableRef & { readonly name: string };

/** The members of a table a diagram can show changed, by the word that names them. */
const memberKinds = {
    "primary key": (schema: Schema) => schema.primaryKeys,
    index: (schema: Schema) => schema.indexes,
    unique: (schema: Schema) => schema.uniques,
    "foreign key": (schema: Schema) => schema.foreignKeys,
    check: (schema: Schema) => schema.checks,
    exclusion: (schema: Schema) => schema.exclusions,
} satisfies Record<string, (schema: Schema) => readonly Member[]>;

/**
 * What `revision` changed: the tables and columns of `after` (its schema) that `before` (its
 * parents' schema) did not have or had otherwise, and what `before` had that `after` dropped.
 */
export function schemaChanges(before: Schema, after: Schema, revision: string): SchemaChanges {
    const beforeTables = new Map(before.tables.map((table) => [tableKey(table), table]));
    const afterTables = new Set(after.tables.map(tableKey));
    const addedTables = new Set(after.tables.map(tableKey).filter((key) => !beforeTables.has(key)));
    const altered = new Map<string, string[]>();
    const alter = (ref: TableRef, what: string) => {
        const key = tableKey(ref);
        if (addedTables.has(key) || !afterTables.has(key)) return;
        altered.set(key, [...(altered.get(key) ?? []), what]);
    };
    for (const table of after.tables) {
        const old = beforeTables.get(tableKey(table));
        if (old !== undefined && (old.comment !== table.comment || old.engine !== table.engine || old.withoutRowid !== table.withoutRowid))
            alter(table, "options");
    }
    const columns = columnChanges(before, after);
    for (const column of after.columns) {
        const change = columns.get(columnKey(column));
        if (change === undefined) continue;
        alter(column, change.kind === "added" ? `column ${column.name} added` : `column ${column.name} altered (${change.fields.join(", ")})`);
    }
    const afterColumns = new Set(after.columns.map(columnKey));
    const droppedColumns = before.columns.filter((column) => afterTables.has(tableKey(column)) && !afterColumns.has(columnKey(column)));
    for (const column of droppedColumns) alter(column, `column ${column.name} dropped`);
    for (const [kind, members] of Object.entries(memberKinds)) {
        const old = new Map(members(before).map((member) => [columnKey(member), JSON.stringify(member)]));
        const now = new Map(members(after).map((member) => [columnKey(member), JSON.stringify(member)]));
        for (const member of members(after)) {
            const was = old.get(columnKey(member));
            if (was === undefined) alter(member, `${kind} ${member.name} added`);
            else if (was !== now.get(columnKey(member))) alter(member, `${kind} ${member.name} changed`);
        }
        for (const member of members(before)) if (!now.has(columnKey(member))) alter(member, `${kind} ${member.name} dropped`);
    }
    return {
        revision,
        addedTables,
        alteredTables: altered,
        columns,
        droppedTables: before.tables.filter((table) => !afterTables.has(tableKey(table))).map((table) => diagramTableName(after, table)),
        droppedColumns: droppedColumns.map((column) => `${diagramTableName(after, column)}.${column.name}`),
    };
}

/** Columns of tables that `after` kept, added to them or changed in some field (added tables' columns are all added). */
function columnChanges(before: Schema, after: Schema): Map<string, ColumnChange> {
    const old = new Map(before.columns.map((column) => [columnKey(column), column]));
    const changes = new Map<string, ColumnChange>();
    for (const column of after.columns) {
        const was = old.get(columnKey(column));
        if (was === undefined) {
            changes.set(columnKey(column), { kind: "added" });
            continue;
        }
        const fields = (Object.keys(column) as (keyof Column)[]).filter((field) => JSON.stringify(column[field]) !== JSON.stringify(was[field]));
        if (fields.length > 0) changes.set(columnKey(column), { kind: "altered", fields });
    }
    return changes;
}

/** A column's change in words, for a diagram's note: `added by <rev>`, `altered by <rev>: type, nullable`. */
export function describeColumnChange(change: ColumnChange, revision: string): string {
    return change.kind === "added" ? `added by ${revision}` : `altered by ${revision}: ${change.fields.join(", ")}`;
}
