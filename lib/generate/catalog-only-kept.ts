import { canonicalize } from "../schema/canonical";
import { deepEqual } from "../schema/equal";
import { keyedBy } from "../schema/keyed";
import { memberKey, tableKey } from "../schema/keys";
import type { Index, Schema, Table } from "../schema/model";

/**
 * `current` (read from the entities) with what entities cannot declare taken from `previous`, the
 * state they are compared with, where it came from an adopted database (`init --from-db`):
 * - a MySQL table's character set and collation (TypeORM's entity options have neither);
 * - the prefix lengths of an index the entities declare over the same columns (`name(191)`);
 * - indexes over expressions, on tables the entities keep (`@Index` takes columns only).
 * Without this, each `generate` would drop them; an entity cannot ask for them to go either.
 *
 * @example
 * const target = withCatalogOnlyKept(store.stateAt(head, current), current);
 */
export function withCatalogOnlyKept(previous: Schema, current: Schema): Schema {
    const tables = keyedBy(previous.tables, tableKey);
    const indexes = keyedBy(previous.indexes, memberKey);
    const keptTables = current.tables.map((table) => withCollationOf(table, tables.get(tableKey(table))));
    const keptIndexes = current.indexes.map((index) => withLengthsOf(index, indexes.get(memberKey(index))));
    const declared = new Set(current.indexes.map(memberKey));
    const currentTables = new Set(current.tables.map(tableKey));
    const expressionIndexes = previous.indexes.filter(
        (index) => index.expression !== undefined && currentTables.has(tableKey(index)) && !declared.has(memberKey(index)),
    );
    const changed = keptTables.some((table, at) => table !== current.tables[at]) || keptIndexes.some((index, at) => index !== current.indexes[at]);
    if (!changed && expressionIndexes.length === 0) return current;
    return canonicalize({ ...current, tables: keptTables, indexes: [...keptIndexes, ...expressionIndexes] });
}

function withCollationOf(table: Table, previous: Table | undefined): Table {
    if (table.collation !== undefined || previous?.collation === undefined) return table;
    return { ...table, charset: previous.charset, collation: previous.collation };
}

function withLengthsOf(index: Index, previous: Index | undefined): Index {
    if (index.lengths !== undefined || index.expression !== undefined || previous?.lengths === undefined) return index;
    return deepEqual(index.columns, previous.columns) ? { ...index, lengths: previous.lengths } : index;
}
