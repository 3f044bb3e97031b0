import type { Index, Schema, View } from "../schema/model";
import { deepEqual } from "../schema/equal";
import { memberKey, namedKey, tableKey } from "../schema/keys";
import { keyedBy } from "../schema/keyed";
import { changesStoredType } from "./compare";
import { mentions } from "./mentions";

export interface ViewChange {
    readonly view: View;
    readonly reason: string;
}

/**
 * Which views to drop before the table changes and create after them. Besides views removed,
 * added or changed: a view over a table whose columns are dropped or change type (PostgreSQL
 * refuses to alter a column a view uses), and every view that depends on a view being dropped.
 * Which tables a view reads is taken from its SQL text: a table's name as a whole word.
 */
export function planViews(from: Schema, to: Schema): { drops: ViewChange[]; creates: ViewChange[] } {
    const toViews = new Map(to.views.map((v) => [namedKey(v), v]));
    const fromViews = new Map(from.views.map((v) => [namedKey(v), v]));
    const reasons = new Map<string, string>();
    for (const view of from.views) {
        const now = toViews.get(namedKey(view));
        if (!now) reasons.set(namedKey(view), `view ${view.name} removed`);
        else if (!sameView(view, now)) reasons.set(namedKey(view), `view ${view.name} changed`);
    }
    // Only views still there are checked against the tables: without any, no column is looked at.
    const touched = from.views.length === 0 ? [] : touchedTables(from, to);
    for (const view of from.views.filter((v) => toViews.has(namedKey(v)) && !reasons.has(namedKey(v)))) {
        const table = touched.find((name) => mentions(view.expression, name));
        if (table) reasons.set(namedKey(view), `view ${view.name} reads ${table}, whose columns change`);
    }
    addDependents(from.views, reasons);
    const drops = dependencyOrder(from.views.filter((v) => reasons.has(namedKey(v))))
        .reverse()
        .map((view) => ({ view, reason: reasons.get(namedKey(view)) as string }));
    const creates = dependencyOrder(to.views.filter((v) => !fromViews.has(namedKey(v)) || reasons.has(namedKey(v)))).map((view) => ({
        view,
        reason: fromViews.has(namedKey(view)) ? (reasons.get(namedKey(view)) as string) : `view ${view.name} is new`,
    }));
    return { drops, creates };
}

/** A schema's indexes, split by what they are on. */
export interface IndexesByOwner {
    readonly onTables: readonly Index[];
    /** On PostgreSQL's materialized views: made after the view and gone with it. */
    readonly onViews: readonly Index[];
}

export function splitViewIndexes(schema: Schema): IndexesByOwner {
    if (schema.views.length === 0) return { onTables: schema.indexes, onViews: [] };
    const views = new Set(schema.views.map((view) => namedKey(view)));
    const onViews = schema.indexes.filter((index) => views.has(tableKey(index)));
    return onViews.length === 0 ? { onTables: schema.indexes, onViews } : { onTables: schema.indexes.filter((index) => !views.has(tableKey(index))), onViews };
}

/** Tables with a column dropped or changing its stored type, and tables dropped. */
function touchedTables(from: Schema, to: Schema): string[] {
    const toColumns = keyedBy(to.columns, memberKey);
    const toTables = new Set(to.tables.map((t) => tableKey(t)));
    const touched = new Set<string>();
    for (const column of from.columns) {
        const now = toColumns.get(memberKey(column));
        if (!now || changesStoredType(column, now)) touched.add(column.table);
    }
    for (const table of from.tables) if (!toTables.has(tableKey(table))) touched.add(table.table);
    return [...touched];
}

/** A view that depends on a dropped view is dropped too (and re-created after it). */
function addDependents(views: readonly View[], reasons: Map<string, string>): void {
    let grew = true;
    while (grew) {
        grew = false;
        for (const view of views.filter((v) => !reasons.has(namedKey(v)))) {
            const dependency = view.dependsOn.find((name) => reasons.has(namedKey({ schema: view.schema, name })));
            if (dependency === undefined) continue;
            reasons.set(namedKey(view), `view ${view.name} depends on ${dependency}, which is re-created`);
            grew = true;
        }
    }
}

/** Dependencies before the views that select from them; otherwise in name order. */
function dependencyOrder(views: readonly View[]): View[] {
    const byName = new Map(views.map((v) => [namedKey(v), v]));
    const ordered: View[] = [];
    const visited = new Set<string>();
    const visit = (view: View): void => {
        if (visited.has(namedKey(view))) return;
        visited.add(namedKey(view));
        for (const name of view.dependsOn) {
            const dependency = byName.get(namedKey({ schema: view.schema, name }));
            if (dependency) visit(dependency);
        }
        ordered.push(view);
    };
    [...views].sort((a, b) => (namedKey(a) < namedKey(b) ? -1 : 1)).forEach(visit);
    return ordered;
}

/** Equal but for the white space around the query, which TypeORM's schema builder does not compare either. */
function sameView(a: View, b: View): boolean {
    return deepEqual({ ...a, expression: a.expression.trim() }, { ...b, expression: b.expression.trim() });
}
