import type { RenameDecisions } from "../diff/renames";
import type { RevisionNode } from "../revisions/graph";
import type { Schema, TableRef } from "../schema/model";
import type { RevisionStore } from "../store/revision-store";

const key = (ref: TableRef) => JSON.stringify([ref.schema, ref.table]);

/**
 * The table and column renames the range's revisions made, chained end to end (a → b → c is a → c)
 * and kept where the object is in both `base` and `target`: the squash renames them too, so a
 * database at the range's start keeps its rows instead of getting drop + add.
 */
export function renamesAcross(store: RevisionStore, revisions: readonly RevisionNode[], base: Schema, target: Schema): RenameDecisions {
    // Current name → name at the range's start.
    const tables = new Map<string, TableRef>();
    const columns = new Map<string, { table: TableRef; from: string }>();
    const columnKey = (ref: TableRef, name: string) => JSON.stringify([ref.schema, ref.table, name]);
    for (const node of revisions) {
        for (const op of store.delta(node.revision).ops) {
            if (op.kind === "renameTable") {
                const original = tables.get(key(op.before)) ?? op.before;
                tables.delete(key(op.before));
                tables.set(key(op.after), { schema: original.schema, table: original.table });
                for (const [columnAt, column] of [...columns]) {
                    const [schema, table, name] = JSON.parse(columnAt) as [string, string, string];
                    if (schema !== op.before.schema || table !== op.before.table) continue;
                    columns.delete(columnAt);
                    columns.set(columnKey(op.after, name), column);
                }
            } else if (op.kind === "renameColumn") {
                const original = columns.get(columnKey(op.before, op.before.name)) ?? { table: tables.get(key(op.before)) ?? op.before, from: op.before.name };
                columns.delete(columnKey(op.before, op.before.name));
                columns.set(columnKey(op.after, op.after.name), original);
            }
        }
    }
    const hasTable = (schema: Schema, ref: TableRef) => schema.tables.some((t) => t.schema === ref.schema && t.table === ref.table);
    const hasColumn = (schema: Schema, ref: TableRef, name: string) =>
        schema.columns.some((c) => c.schema === ref.schema && c.table === ref.table && c.name === name);
    const tableRenames = [...tables]
        .map(([at, from]) => {
            const [schema, table] = JSON.parse(at) as [string, string];
            return { from, to: { schema, table } };
        })
        .filter(({ from, to }) => key(from) !== key(to) && hasTable(base, from) && hasTable(target, to) && !hasTable(target, from));
    const columnRenames = [...columns]
        .map(([at, { table, from }]) => {
            const [schema, tableName, name] = JSON.parse(at) as [string, string, string];
            return { table: { schema, table: tableName }, from, to: name, original: table };
        })
        .filter(
            ({ table, from, to, original }) =>
                from !== to && hasColumn(base, original, from) && hasColumn(target, table, to) && !hasColumn(target, table, from),
        )
        .map(({ table, from, to }) => ({ table, from, to }));
    return { tables: tableRenames, columns: columnRenames };
}
