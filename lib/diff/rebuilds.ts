import type { Column, ForeignKey, Schema } from "../schema/model";
import { memberKey, sameTable, tableKey } from "../schema/keys";
import { keyedBy } from "../schema/keyed";
import { changedColumnPairs } from "./column-pairs";
import { changesStoredType } from "./compare";
import { mentions } from "./mentions";

/**
 * What the differ drops and adds back although it does not change itself, because something it
 * stands on does. Each map goes from the object's member key to the reason.
 */
export interface Rebuilds {
    /**
     * Computed columns whose expression changes while a column their old expression reads is
     * dropped: PostgreSQL refuses to drop a column a computed column reads, so such a computed
     * column goes before the drop and comes back, with its new expression, after the adds.
     * Its values are derived: nothing is lost.
     */
    readonly computedColumns: ReadonlyMap<string, string>;
    /**
     * Computed columns that become plain while a column their expression reads is dropped: their
     * alter (which keeps the values) goes before the drop, for the same reason.
     */
    readonly uncomputedFirst: ReadonlyMap<string, string>;
    /** On a re-created computed column, or partial, with a predicate naming a retyped column. */
    readonly indexes: ReadonlyMap<string, string>;
    /** On a re-created computed column. */
    readonly uniques: ReadonlyMap<string, string>;
    /** Naming a re-created computed column, or a retyped column. */
    readonly checks: ReadonlyMap<string, string>;
    /** Using a re-created computed column, or a retyped column (either end). */
    readonly foreignKeys: ReadonlyMap<string, string>;
}

// Why checks and index predicates of a retyped column are rebuilt: PostgreSQL re-parses them from
// their stored form on ALTER TYPE and keeps the casts that adds, so after int → numeric → int a
// check reads ((price)::numeric >= (0)::numeric) where synchronize() has (price >= 0). Only another
// type adds casts: a new length, precision or scale (varchar(200) → varchar(250)) leaves them as
// they are.

/** The rebuilds a diff from `from` to `to` needs (both after renames). */
export function planRebuilds(from: Schema, to: Schema): Rebuilds {
    // Every rebuild starts from a column whose compared attributes change (its expression, its
    // type): the pairs of unchanged columns, nearly all of a large schema, are never looked at.
    const changed = changedColumnPairs(from.columns, to.columns);
    let dropped: Column[] | null = null;
    const droppedColumns = (): Column[] => {
        if (dropped !== null) return dropped;
        const toColumns = keyedBy(to.columns, memberKey);
        const keptTables = new Set(to.tables.map(tableKey));
        dropped = from.columns.filter((column) => !toColumns.has(memberKey(column)) && keptTables.has(tableKey(column)));
        return dropped;
    };
    const readsDropped = (computed: Column): string | undefined => {
        const read = droppedColumns().find((column) => sameTable(column, computed) && mentions(computed.asExpression, column.name));
        return read && `its old expression reads ${read.table}.${read.name}, which is dropped`;
    };
    const recreated = new Map<Column, string>();
    const uncomputedFirst = new Map<string, string>();
    for (const [before, after] of changed.filter(([before]) => before.asExpression !== null)) {
        const reason = readsDropped(before);
        if (reason === undefined) continue;
        if (expressionChanges(before, after)) recreated.set(before, reason);
        if (after.asExpression === null)
            uncomputedFirst.set(memberKey(before), `computed column ${before.table}.${before.name} becomes plain first: ${reason}`);
    }
    const retyped = changed.filter(([before, after]) => changesStoredType(before, after)).map(([before]) => before);
    const otherType = new Set(changed.filter(([before, after]) => changesTypeName(before, after)).map(([before]) => before));

    const rebuilds = {
        computedColumns: new Map<string, string>(),
        uncomputedFirst,
        indexes: new Map<string, string>(),
        uniques: new Map<string, string>(),
        checks: new Map<string, string>(),
        foreignKeys: new Map<string, string>(),
    };
    const mark = (map: Map<string, string>, member: { schema: string; table: string; name: string }, reason: string) => {
        if (!map.has(memberKey(member))) map.set(memberKey(member), reason);
    };
    for (const [column, reason] of recreated) {
        mark(rebuilds.computedColumns, column, `computed column ${column.table}.${column.name} is re-created: ${reason}`);
        const on = `is on computed column ${column.table}.${column.name}, which is re-created`;
        for (const index of from.indexes.filter((i) => sameTable(i, column) && (i.columns.includes(column.name) || mentions(i.where, column.name))))
            mark(rebuilds.indexes, index, on);
        for (const unique of from.uniques.filter((u) => sameTable(u, column) && u.columns.includes(column.name))) mark(rebuilds.uniques, unique, on);
        for (const check of from.checks.filter((c) => sameTable(c, column) && mentions(c.expression, column.name))) mark(rebuilds.checks, check, on);
        for (const fk of from.foreignKeys.filter((f) => foreignKeyUsesColumn(f, column))) mark(rebuilds.foreignKeys, fk, on);
    }
    for (const column of retyped) {
        const uses = `uses ${column.table}.${column.name}, whose type changes`;
        for (const fk of from.foreignKeys.filter((f) => foreignKeyUsesColumn(f, column))) mark(rebuilds.foreignKeys, fk, uses);
        if (!otherType.has(column)) continue;
        for (const check of from.checks.filter((c) => sameTable(c, column) && mentions(c.expression, column.name))) mark(rebuilds.checks, check, uses);
        for (const index of from.indexes.filter((i) => sameTable(i, column) && mentions(i.where, column.name))) mark(rebuilds.indexes, index, uses);
    }
    return rebuilds;
}

function changesTypeName(before: Column, after: Column): boolean {
    return before.type !== after.type || before.array !== after.array || before.enumName !== after.enumName;
}

/** Stays computed, with another expression or kind. */
function expressionChanges(before: Column, after: Column): boolean {
    return (
        before.asExpression !== null &&
        after.asExpression !== null &&
        (before.asExpression !== after.asExpression || before.generatedType !== after.generatedType)
    );
}

/** The foreign key's own columns or the ones it references include `column`. */
export function foreignKeyUsesColumn(fk: ForeignKey, column: Column): boolean {
    return (
        (sameTable(fk, column) && fk.columns.includes(column.name)) ||
        (fk.referencedSchema === column.schema && fk.referencedTable === column.table && fk.referencedColumns.includes(column.name))
    );
}
