import type { RenameDecisions } from "../diff/renames";
import { SquashRangeError } from "../revisions/errors";
import type { RevisionNode } from "../revisions/graph";
import type { Schema, TableRef } from "../schema/model";
import type { RevisionStore } from "../store/revision-store";

const key = (ref: TableRef) => JSON.stringify([ref.schema, ref.table]);
const columnKey = (ref: TableRef, name: string) => JSON.stringify([ref.schema, ref.table, name]);
const spelled = (ref: TableRef) => (ref.schema === "" ? ref.table : `${ref.schema}.${ref.table}`);

/** Where a name at the range's end came from: its name at the range's start and the revision that first renamed it. */
interface Origin<T> {
    readonly from: T;
    readonly renamedIn: string;
}

/**
 * The table and column renames the range's revisions made, chained end to end (a → b → c is a → c)
 * and kept where the object is in both `base` and `target`: the squash renames them too, so a
 * database at the range's start keeps its rows instead of getting drop + add. Refuses a rename whose
 * old name the range uses again for a new table or column: the squash cannot say both "rename" and
 * "add under the old name", and planned as an add it would leave the rows under the old name.
 */
export function renamesAcross(store: RevisionStore, revisions: readonly RevisionNode[], base: Schema, target: Schema): RenameDecisions {
    // Current name → name at the range's start; and the revision that last gave a name to a new object.
    const tables = new Map<string, Origin<TableRef>>();
    const columns = new Map<string, Origin<{ table: TableRef; name: string }>>();
    const introducedIn = new Map<string, string>();
    for (const node of revisions) {
        for (const op of store.delta(node.revision).ops) {
            if (op.kind === "renameTable") {
                const original = tables.get(key(op.before)) ?? { from: { schema: op.before.schema, table: op.before.table }, renamedIn: node.revision };
                tables.delete(key(op.before));
                tables.set(key(op.after), original);
                for (const [columnAt, column] of [...columns]) {
                    const [schema, table, name] = JSON.parse(columnAt) as [string, string, string];
                    if (schema !== op.before.schema || table !== op.before.table) continue;
                    columns.delete(columnAt);
                    columns.set(columnKey(op.after, name), column);
                }
                introducedIn.set(key(op.after), node.revision);
            } else if (op.kind === "renameColumn") {
                const original = columns.get(columnKey(op.before, op.before.name)) ?? {
                    from: { table: tables.get(key(op.before))?.from ?? op.before, name: op.before.name },
                    renamedIn: node.revision,
                };
                columns.delete(columnKey(op.before, op.before.name));
                columns.set(columnKey(op.after, op.after.name), original);
                introducedIn.set(columnKey(op.after, op.after.name), node.revision);
            } else if (op.kind === "createTable") {
                introducedIn.set(key(op.definition.table), node.revision);
                for (const column of op.definition.columns) introducedIn.set(columnKey(column, column.name), node.revision);
            } else if (op.kind === "addColumn") {
                introducedIn.set(columnKey(op.column, op.column.name), node.revision);
            }
        }
    }
    const hasTable = (schema: Schema, ref: TableRef) => schema.tables.some((t) => t.schema === ref.schema && t.table === ref.table);
    const hasColumn = (schema: Schema, ref: TableRef, name: string) =>
        schema.columns.some((c) => c.schema === ref.schema && c.table === ref.table && c.name === name);
    const lastRevision = revisions[revisions.length - 1]?.revision ?? "";
    const tableRenames = [...tables]
        .map(([at, { from, renamedIn }]) => {
            const [schema, table] = JSON.parse(at) as [string, string];
            return { from, to: { schema, table }, renamedIn };
        })
        .filter(({ from, to }) => key(from) !== key(to) && hasTable(base, from) && hasTable(target, to));
    for (const { from, to, renamedIn } of tableRenames) {
        if (!hasTable(target, from)) continue;
        throw nameReused(`table ${spelled(from)} to ${spelled(to)}`, `table ${spelled(from)}`, renamedIn, introducedIn.get(key(from)) ?? lastRevision);
    }
    const columnRenames = [...columns]
        .map(([at, { from, renamedIn }]) => {
            const [schema, tableName, name] = JSON.parse(at) as [string, string, string];
            return { table: { schema, table: tableName }, from: from.name, to: name, original: from.table, renamedIn };
        })
        .filter(({ table, from, to, original }) => from !== to && hasColumn(base, original, from) && hasColumn(target, table, to));
    for (const { table, from, to, renamedIn } of columnRenames) {
        if (!hasColumn(target, table, from)) continue;
        const reusedIn = introducedIn.get(columnKey(table, from)) ?? lastRevision;
        throw nameReused(`column ${spelled(table)}.${from} to ${to}`, `column ${spelled(table)}.${from}`, renamedIn, reusedIn);
    }
    return { tables: tableRenames.map(({ from, to }) => ({ from, to })), columns: columnRenames.map(({ table, from, to }) => ({ table, from, to })) };
}

function nameReused(rename: string, reused: string, renamedIn: string, reusedIn: string): SquashRangeError {
    return new SquashRangeError(
        `not squashed: ${renamedIn} renames ${rename} and ${reusedIn} adds a new ${reused}; one migration cannot do both, ` +
            "and planned as an add it would leave the rows under the old name",
        `end the range before ${reusedIn} or start it at ${renamedIn}`,
    );
}
