import { BadInputError } from "../errors";
import type { Column, Schema, TableRef } from "../schema/model";
import { deepEqual } from "../schema/equal";
import { memberKey, namedKey, sameTable, tableKey } from "../schema/keys";
import { groupedBy, keyedBy } from "../schema/keyed";
import { applyOps } from "./apply";
import { changedColumnPairs } from "./column-pairs";
import type { ConstraintKind, Op } from "./ops";

/** A table the user says was renamed: `from` in the old schema is `to` in the new one. */
export interface TableRename {
    readonly from: TableRef;
    readonly to: TableRef;
}

/** A column the user says was renamed, in the table as the new schema names it. */
export interface ColumnRename {
    readonly table: TableRef;
    readonly from: string;
    readonly to: string;
}

export interface RenameDecisions {
    readonly tables: readonly TableRename[];
    readonly columns: readonly ColumnRename[];
}

export const noRenames: RenameDecisions = { tables: [], columns: [] };

/** A dropped object with added objects it may have been renamed to; the user decides. */
export type RenameCandidate =
    | { readonly kind: "table"; readonly dropped: TableRef; readonly candidates: readonly TableRef[] }
    | { readonly kind: "column"; readonly table: TableRef; readonly dropped: string; readonly candidates: readonly string[] };

/** A rename decision that does not fit the schemas (a table that is not dropped, a column that is not added). */
export class InvalidRenameError extends BadInputError {
    override readonly name = "InvalidRenameError";
}

/**
 * The renames still open after `decided`: each table dropped while another is added in the same
 * schema, and each column dropped while another is added in the same table.
 */
export function renameCandidates(from: Schema, to: Schema, decided: RenameDecisions = noRenames): RenameCandidate[] {
    const renamed = applyOps(from, structuralRenameOps(from, to, decided));
    const toTables = keyedBy(to.tables, tableKey);
    const renamedTables = keyedBy(renamed.tables, tableKey);
    const droppedTables = renamed.tables.filter((t) => !toTables.has(tableKey(t)));
    const addedTables = to.tables.filter((t) => !renamedTables.has(tableKey(t)));
    const candidates: RenameCandidate[] = droppedTables
        .map((dropped) => ({ kind: "table" as const, dropped: ref(dropped), candidates: addedTables.filter((t) => t.schema === dropped.schema).map(ref) }))
        .filter((c) => c.candidates.length > 0);
    const toColumns = keyedBy(to.columns, memberKey);
    const fromColumns = keyedBy(renamed.columns, memberKey);
    // Only a table that loses a column can have a candidate: the others are not looked at.
    const losing = new Set<string>();
    for (const [key, column] of fromColumns) if (!toColumns.has(key)) losing.add(tableKey(column));
    if (losing.size === 0) return candidates;
    const toByTable = groupedBy(to.columns, tableKey);
    const renamedByTable = groupedBy(renamed.columns, tableKey);
    for (const table of to.tables.filter((t) => losing.has(tableKey(t)) && renamedTables.has(tableKey(t)))) {
        const added = (toByTable.get(tableKey(table)) ?? []).filter((c) => !fromColumns.has(memberKey(c))).map((c) => c.name);
        const dropped = (renamedByTable.get(tableKey(table)) ?? []).filter((c) => !toColumns.has(memberKey(c)));
        if (added.length === 0) continue;
        for (const column of dropped) candidates.push({ kind: "column", table: ref(table), dropped: column.name, candidates: added });
    }
    return candidates;
}

/**
 * The rename ops for `decisions`, then the renames they imply: enum types, indexes and constraints
 * whose definition is unchanged and whose (derived) name differs. Returns them with the schema
 * they lead to, from which the rest of the diff proceeds.
 */
export function renameOps(from: Schema, to: Schema, decisions: RenameDecisions): { ops: Op[]; renamed: Schema } {
    const structural = structuralRenameOps(from, to, decisions);
    const afterStructural = applyOps(from, structural);
    const enums = enumRenames(afterStructural, to);
    const afterEnums = applyOps(afterStructural, enums);
    const members = memberRenames(afterEnums, to);
    return { ops: [...structural, ...enums, ...members], renamed: applyOps(afterEnums, members) };
}

function ref(table: TableRef): TableRef {
    return { schema: table.schema, table: table.table };
}

function structuralRenameOps(from: Schema, to: Schema, decisions: RenameDecisions): Op[] {
    const ops: Op[] = [];
    for (const rename of decisions.tables) {
        const before = from.tables.find((t) => sameTable(t, rename.from));
        if (!before) throw new InvalidRenameError(`cannot rename table ${rename.from.table}: it is not in the previous schema`);
        if (!to.tables.some((t) => sameTable(t, rename.to)))
            throw new InvalidRenameError(`cannot rename ${rename.from.table} to ${rename.to.table}: no such table in the entities`);
        if (to.tables.some((t) => sameTable(t, rename.from)))
            throw new InvalidRenameError(`cannot rename table ${rename.from.table}: the entities still have it`);
        if (rename.from.schema !== rename.to.schema)
            throw new InvalidRenameError(`cannot rename ${rename.from.table} into another schema (${rename.to.schema})`);
        ops.push({
            kind: "renameTable",
            before,
            after: { ...before, ...ref(rename.to) },
            reasons: [`table ${rename.from.table} renamed to ${rename.to.table}`],
            risk: "safe",
        });
    }
    const moved = applyOps(from, ops);
    for (const rename of decisions.columns) {
        const before = moved.columns.find((c) => sameTable(c, rename.table) && c.name === rename.from);
        const where = `${rename.table.table}.${rename.from}`;
        if (!before) throw new InvalidRenameError(`cannot rename column ${where}: it is not in the previous schema`);
        if (!to.columns.some((c) => sameTable(c, rename.table) && c.name === rename.to)) {
            throw new InvalidRenameError(`cannot rename ${where} to ${rename.to}: no such column in the entities`);
        }
        if (to.columns.some((c: Column) => sameTable(c, rename.table) && c.name === rename.from)) {
            throw new InvalidRenameError(`cannot rename column ${where}: the entities still have it`);
        }
        ops.push({ kind: "renameColumn", before, after: { ...before, name: rename.to }, reasons: [`column ${where} renamed to ${rename.to}`], risk: "safe" });
    }
    return ops;
}

/** An enum type named after a renamed table or column follows it (`<table>_<column>_enum`). */
function enumRenames(from: Schema, to: Schema): Op[] {
    const toEnums = new Map(to.enums.map((e) => [namedKey(e), e]));
    const fromEnums = new Map(from.enums.map((e) => [namedKey(e), e]));
    const ops: Op[] = [];
    const claimed = new Set<string>();
    // A column whose enum type is another has a changed compared attribute (enumName).
    for (const [column, now] of changedColumnPairs(from.columns, to.columns)) {
        if (!column.enumName || !now?.enumName || column.enumName === now.enumName) continue;
        const before = fromEnums.get(namedKey({ schema: column.schema, name: column.enumName }));
        const after = toEnums.get(namedKey({ schema: now.schema, name: now.enumName }));
        if (!before || !after || toEnums.has(namedKey(before)) || fromEnums.has(namedKey(after)) || claimed.has(namedKey(before))) continue;
        claimed.add(namedKey(before));
        ops.push({
            kind: "renameEnum",
            before,
            after: { ...before, name: after.name },
            reasons: [`enum type ${before.name} follows its column: ${after.name}`],
            risk: "safe",
        });
    }
    return ops;
}

type Named = TableRef & { readonly name: string };

/** Indexes and constraints equal but for their name, on the same table: renamed, not rebuilt. */
function memberRenames(from: Schema, to: Schema): Op[] {
    const ops: Op[] = [];
    for (const [before, after] of pairByDefinition(from.indexes, to.indexes)) {
        ops.push({ kind: "renameIndex", before, after, reasons: [`index ${before.name} on ${before.table} is now named ${after.name}`], risk: "safe" });
    }
    const constraints: [ConstraintKind, readonly Named[], readonly Named[]][] = [
        ["primaryKey", from.primaryKeys, to.primaryKeys],
        ["unique", from.uniques, to.uniques],
        ["check", from.checks, to.checks],
        ["foreignKey", from.foreignKeys, to.foreignKeys],
        ["exclusion", from.exclusions, to.exclusions],
    ];
    for (const [constraint, fromList, toList] of constraints) {
        for (const [before, after] of pairByDefinition(fromList, toList)) {
            ops.push({
                kind: "renameConstraint",
                constraint,
                table: ref(before),
                before: before.name,
                after: after.name,
                reasons: [`${constraint} ${before.name} on ${before.table} is now named ${after.name}`],
                risk: "safe",
            });
        }
    }
    return ops;
}

function pairByDefinition<T extends Named>(fromList: readonly T[], toList: readonly T[]): [T, T][] {
    const toKeys = keyedBy(toList, memberKey);
    const fromKeys = keyedBy(fromList, memberKey);
    const added: T[] = [];
    for (const [key, entry] of toKeys) if (!fromKeys.has(key)) added.push(entry);
    const pairs: [T, T][] = [];
    if (added.length === 0) return pairs;
    for (const [key, before] of fromKeys) {
        if (toKeys.has(key)) continue;
        const at = added.findIndex((after) => sameTable(after, before) && deepEqual({ ...after, name: "" }, { ...before, name: "" }));
        if (at < 0) continue;
        pairs.push([before, added[at]]);
        added.splice(at, 1);
    }
    return pairs;
}
