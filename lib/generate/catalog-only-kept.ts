import type { Op } from "../diff/ops";
import type { ColumnRename } from "../diff/renames";
import { canonicalize } from "../schema/canonical";
import { deepEqual } from "../schema/equal";
import { groupedBy, keyedBy } from "../schema/keyed";
import { memberKey, sameTable, tableKey } from "../schema/keys";
import type { Index, Schema, Table } from "../schema/model";

/** An index over expressions of the previous state that `generate` does not keep, and why. */
export interface IndexLeft {
    readonly index: Index;
    readonly reason: string;
}

/**
 * `current` (read from the entities) with what entities cannot declare taken from `previous`, the
 * state they are compared with (already through the renames the user accepted, so the kept things
 * follow a renamed table or column), where it came from an adopted database (`init --from-db`):
 * - a MySQL table's character set and collation (TypeORM's entity options have neither);
 * - the prefix lengths of an index the entities declare over the same columns (`name(191)`);
 * - indexes over expressions, on tables the entities keep (`@Index` takes columns only), unless
 *   the expression names a column the entities drop or rename (see `expressionIndexesLeft`).
 * Without this, each `generate` would drop them; an entity cannot ask for them to go either.
 *
 * @example
 * const target = withCatalogOnlyKept(store.stateAt(head, current), current, []);
 */
export function withCatalogOnlyKept(previous: Schema, current: Schema, columnRenames: readonly ColumnRename[]): Schema {
    const tables = keyedBy(previous.tables, tableKey);
    const keptTables = current.tables.map((table) => withCollationOf(table, tables.get(tableKey(table))));
    const previousIndexOf = previousIndexes(previous, current);
    const keptIndexes = current.indexes.map((index) => withLengthsOf(index, previousIndexOf(index)));
    const expressionIndexes = expressionIndexesOf(previous, current, columnRenames).kept;
    const changed = keptTables.some((table, at) => table !== current.tables[at]) || keptIndexes.some((index, at) => index !== current.indexes[at]);
    if (!changed && expressionIndexes.length === 0) return current;
    return canonicalize({ ...current, tables: keptTables, indexes: [...keptIndexes, ...expressionIndexes] });
}

/** The indexes over expressions `withCatalogOnlyKept` leaves out because a column they name goes. */
export function expressionIndexesLeft(previous: Schema, current: Schema, columnRenames: readonly ColumnRename[]): IndexLeft[] {
    return expressionIndexesOf(previous, current, columnRenames).left;
}

/** `ops` with the reason each index in `left` is dropped, instead of the differ's "removed or changed". */
export function explainedIndexesLeft(ops: Op[], left: readonly IndexLeft[]): Op[] {
    if (left.length === 0) return ops;
    const reasons = new Map(left.map((entry) => [memberKey(entry.index), entry.reason]));
    return ops.map((op) => {
        const reason = op.kind === "dropIndex" ? reasons.get(memberKey(op.index)) : undefined;
        return reason === undefined ? op : { ...op, reasons: [reason] };
    });
}

function expressionIndexesOf(previous: Schema, current: Schema, columnRenames: readonly ColumnRename[]): { kept: Index[]; left: IndexLeft[] } {
    // Most states have none: the lookups below would key every column for nothing.
    if (!previous.indexes.some((index) => index.expression !== undefined)) return { kept: [], left: [] };
    const declared = new Set(current.indexes.map(memberKey));
    const currentTables = new Set(current.tables.map(tableKey));
    const currentColumns = new Set(current.columns.map(memberKey));
    const previousColumns = groupedBy(previous.columns, tableKey);
    const kept: Index[] = [];
    const left: IndexLeft[] = [];
    for (const index of previous.indexes) {
        if (index.expression === undefined || !currentTables.has(tableKey(index)) || declared.has(memberKey(index))) continue;
        const dropped = (previousColumns.get(tableKey(index)) ?? []).filter((column) => !currentColumns.has(memberKey(column))).map((column) => column.name);
        const renamed = columnRenames.filter((rename) => sameTable(rename.table, index));
        const expression = index.expression;
        const goneName = dropped.find((name) => namesColumn(expression, name));
        const rename = renamed.find((entry) => namesColumn(expression, entry.from));
        const on = `index ${index.name} on ${index.table} (${index.expression})`;
        // A renamed column is not rewritten into the expression: the server rewrites it its own way
        // (PostgreSQL prints it again, SQLite edits the text), which a rewrite here would have to match.
        if (rename !== undefined) left.push({ index, reason: `${on} names column ${rename.from}, renamed to ${rename.to}: dropped, re-create it by hand` });
        else if (goneName !== undefined) left.push({ index, reason: `${on} names column ${goneName}, which the entities drop` });
        else kept.push(index);
    }
    return { kept, left };
}

/** Whether `expression` may name `column`: quoted in any of the ways the dialects quote, or bare. Over string literals it never looks. */
function namesColumn(expression: string, column: string): boolean {
    const code = expression.replace(/'(?:[^']|'')*'/g, "''");
    const name = escapeRegExp(column);
    const quoted = [`"${escapeRegExp(column.replace(/"/g, '""'))}"`, `\`${escapeRegExp(column.replace(/`/g, "``"))}\``, `\\[${name}\\]`];
    return new RegExp(`${quoted.join("|")}|(?<![\\w$"\`\\[])${name}(?![\\w$])`, "i").test(code);
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function withCollationOf(table: Table, previous: Table | undefined): Table {
    if (table.collation !== undefined || previous?.collation === undefined) return table;
    return { ...table, charset: previous.charset, collation: previous.collation };
}

/** The same-named index, or else one over the same columns the entities no longer name (its name derived from a renamed table's). */
function previousIndexes(previous: Schema, current: Schema): (index: Index) => Index | undefined {
    const named = keyedBy(previous.indexes, memberKey);
    const declared = new Set(current.indexes.map(memberKey));
    const byTable = groupedBy(
        previous.indexes.filter((index) => index.lengths !== undefined && !declared.has(memberKey(index))),
        tableKey,
    );
    return (index) =>
        named.get(memberKey(index)) ??
        byTable.get(tableKey(index))?.find((candidate) => candidate.unique === index.unique && deepEqual(candidate.columns, index.columns));
}

function withLengthsOf(index: Index, previous: Index | undefined): Index {
    if (index.lengths !== undefined || index.expression !== undefined || previous?.lengths === undefined) return index;
    return deepEqual(index.columns, previous.columns) ? { ...index, lengths: previous.lengths } : index;
}
