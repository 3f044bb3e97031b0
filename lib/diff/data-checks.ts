import type { Column, Schema, TableRef } from "../schema/model";
import { memberKey, tableKey } from "../schema/keys";
import { keyedBy } from "../schema/keyed";
import { deepEqual } from "../schema/equal";
import { backfillValue, makesNotNull, notNullColumn } from "./backfills";
import { changesStoredType } from "./compare";
import { describeNarrowing, narrowings, type Narrowing } from "./narrowing";
import type { Op } from "./ops";

/** Where a check looks: a table as it is named when the migration starts, and the columns that identify a row there. */
interface CheckedTable {
    readonly table: TableRef;
    /** The primary key's columns (else the checked columns): how the first offending row is named. */
    readonly key: readonly string[];
    /** What the check finds, in words: `item.sku: values longer than 100 characters`. */
    readonly description: string;
}

/**
 * A question about the rows already in a table that one op of a migration needs answered before
 * the migration changes anything. Each names tables and columns as they are at the migration's
 * start (before its renames), so all of a migration's checks run first, on a database where
 * nothing has happened yet: without transactional DDL that is the only way to stop with nothing
 * applied.
 */
export type DataCheckSpec = CheckedTable &
    /** The column becomes NOT NULL with nothing to fill the rows holding NULL. */
    (
        | { readonly kind: "nulls"; readonly column: string }
        /** A NOT NULL column without a value is added: any row at all is a problem. */
        | { readonly kind: "rows"; readonly column: string }
        /** A new unique index, unique constraint or primary key over these columns. */
        | { readonly kind: "duplicates"; readonly columns: readonly string[]; readonly where: string | null }
        /** A new foreign key: rows whose (non-NULL) values no row of the referenced table holds. */
        | { readonly kind: "orphans"; readonly columns: readonly string[]; readonly referenced: TableRef; readonly referencedColumns: readonly string[] }
        /** A column change that loses or rejects some values; `target` is the column after it. */
        | { readonly kind: "narrowing"; readonly column: string; readonly array: boolean; readonly target: Column; readonly narrowing: Narrowing }
    );

export type DataCheckKind = DataCheckSpec["kind"];

/** The checks the rows of `start` must pass before `ops` run on it, in op order. Pure. */
export function dataCheckSpecs(start: Schema, ops: readonly Op[]): DataCheckSpec[] {
    const names = new StartNames(start);
    // Columns whose stored type an earlier op changes: the start's values are not comparable to what
    // the op sees (a foreign key column going from uuid to integer meets its new parent's integers).
    const retyped = new Set<string>();
    const specs: DataCheckSpec[] = [];
    for (const op of ops) {
        specs.push(...checksOf(op, names, retyped));
        names.follow(op);
        if (op.kind === "alterColumn" && changesStoredType(op.before, op.after)) retyped.add(memberKey(op.after));
    }
    return specs;
}

function checksOf(op: Op, names: StartNames, retyped: ReadonlySet<string>): DataCheckSpec[] {
    if (makesNotNull(op) && backfillValue(op) === null && notNullColumn(op).default === null) {
        const column = notNullColumn(op);
        const at = names.table(column, op.kind === "alterColumn" ? [column.name] : []);
        if (at === null) return [];
        const checked = at.columns[0] ?? column.name;
        return op.kind === "alterColumn"
            ? [
                  {
                      kind: "nulls",
                      ...at.where,
                      column: checked,
                      description: `${at.label}.${checked}: rows holding NULL, and the column becomes NOT NULL with no default or backfill`,
                  },
              ]
            : [
                  {
                      kind: "rows",
                      ...at.where,
                      column: checked,
                      description: `${at.label}: rows already there, and ${checked} is added NOT NULL with no default or backfill`,
                  },
              ];
    }
    switch (op.kind) {
        case "alterColumn": {
            const at = names.table(op.before, [op.before.name]);
            if (at === null) return [];
            return narrowings(op.before, op.after).map((narrowing): DataCheckSpec => ({
                kind: "narrowing",
                ...at.where,
                column: at.columns[0],
                array: op.before.array,
                target: op.after,
                narrowing,
                description: `${at.label}.${at.columns[0]}: ${describeNarrowing(narrowing)}`,
            }));
        }
        case "createIndex":
            return op.index.unique && !names.holds("index", op.index) ? duplicates(names, op.index, op.index.where, `unique index ${op.index.name}`) : [];
        case "addUnique":
            return names.holds("unique", op.unique) ? [] : duplicates(names, op.unique, null, `unique ${op.unique.name}`);
        case "addPrimaryKey":
            return names.holds("primaryKey", op.primaryKey) ? [] : duplicates(names, op.primaryKey, null, `primary key ${op.primaryKey.name}`);
        case "addForeignKey": {
            const fk = op.foreignKey;
            const parentRef = { schema: fk.referencedSchema, table: fk.referencedTable };
            const comparable =
                fk.columns.every((name) => !retyped.has(memberKey({ ...fk, name }))) &&
                fk.referencedColumns.every((name) => !retyped.has(memberKey({ ...parentRef, name })));
            if (names.holds("foreignKey", fk) || !comparable) return [];
            const child = names.table(fk, fk.columns);
            const parent = names.table(parentRef, fk.referencedColumns);
            if (child === null || parent === null) return [];
            return [
                {
                    kind: "orphans",
                    ...child.where,
                    columns: child.columns,
                    referenced: parent.where.table,
                    referencedColumns: parent.columns,
                    description: `${child.label} (${child.columns.join(", ")}): values no row of ${parent.label} holds (foreign key ${fk.name})`,
                },
            ];
        }
        default:
            return [];
    }
}

function duplicates(names: StartNames, on: TableRef & { readonly columns: readonly string[] }, where: string | null, what: string): DataCheckSpec[] {
    const at = names.table(on, on.columns);
    if (at === null) return [];
    return [
        {
            kind: "duplicates",
            ...at.where,
            key: at.columns,
            columns: at.columns,
            where,
            description: `${at.label} (${at.columns.join(", ")}): values held by more than one row (${what})`,
        },
    ];
}

type Holdable = "index" | "unique" | "primaryKey" | "foreignKey";

/**
 * Follows a migration's renames back to the names its start schema has, so that a check written
 * for any op can run before the first one. A table or column the migration creates has no rows
 * to check (null).
 */
class StartNames {
    private readonly tableAt = new Map<string, TableRef>();
    private readonly columnAt = new Map<string, string>();

    constructor(private readonly start: Schema) {}

    follow(op: Op): void {
        if (op.kind === "renameTable") {
            const origin = this.origin(op.before);
            this.tableAt.set(tableKey(op.after), origin);
            for (const [key, name] of [...this.columnAt]) {
                if (key.startsWith(tableKey(op.before) + "\u0000"))
                    this.columnAt.set(memberKey({ ...op.after, name: key.slice(tableKey(op.before).length + 1) }), name);
            }
        } else if (op.kind === "renameColumn") {
            this.columnAt.set(memberKey(op.after), this.columnAt.get(memberKey(op.before)) ?? op.before.name);
        }
    }

    /** The table (and columns) as the start names them, or null when the migration makes one of them. */
    table(ref: TableRef, columns: readonly string[]): { where: Omit<CheckedTable, "description">; columns: string[]; label: string } | null {
        const table = this.origin(ref);
        if (!keyedBy(this.start.tables, tableKey).has(tableKey(table))) return null;
        const named = columns.map((column) => this.columnAt.get(memberKey({ ...ref, name: column })) ?? column);
        const startColumns = keyedBy(this.start.columns, memberKey);
        if (!named.every((name) => startColumns.has(memberKey({ ...table, name })))) return null;
        const key = keyedBy(this.start.primaryKeys, tableKey).get(tableKey(table))?.columns ?? named;
        const label = table.schema === "" || table.schema === this.start.defaultSchema ? table.table : `${table.schema}.${table.table}`;
        return { where: { table, key: key.length > 0 ? key : named }, columns: named, label };
    }

    /** The start schema already has this object, unchanged (re-added around a change it stands on): its rows satisfied it. */
    holds(kind: Holdable, entry: TableRef & { readonly name: string }): boolean {
        const list = { index: this.start.indexes, unique: this.start.uniques, primaryKey: this.start.primaryKeys, foreignKey: this.start.foreignKeys }[kind];
        const same = keyedBy<TableRef & { name: string }>(list, memberKey).get(memberKey(entry));
        return same !== undefined && deepEqual(same, entry);
    }

    private origin(ref: TableRef): TableRef {
        return this.tableAt.get(tableKey(ref)) ?? { schema: ref.schema, table: ref.table };
    }
}
