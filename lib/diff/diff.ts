import type { Column, EnumType, ForeignKey, Index, Schema, TableRef } from "../schema/model";
import { newTableForeignKeysSafe } from "./new-table-risk";
import { deepEqual } from "../schema/equal";
import { memberKey, metadataRowKey, namedKey, sameTable, tableKey } from "../schema/keys";
import { alterColumnRisk, columnChanges, onlyAddsValues, tableChanges } from "./compare";
import { indexKeyList } from "../schema/index-key-list";
import { changedColumnPairs } from "./column-pairs";
import type { Op, TableDefinition } from "./ops";
import { applyOps } from "./apply";
import { keyedBy } from "../schema/keyed";
import { noRenames, renameOps, type RenameDecisions } from "./renames";
import { filterSchema, type IncludeObject } from "../schema/filter";
import { planViews, splitViewIndexes, type IndexesByOwner } from "./views";
import { planRebuilds, type Rebuilds } from "./rebuilds";
import { freeNamesBeforeReuse } from "./name-reuse";
import { makesNotNull, notNullColumn, type Backfill } from "./backfills";

export interface DiffOptions {
    /** Tables and columns the user says were renamed (see `renameCandidates`); others are drop + add. */
    readonly renames?: RenameDecisions;
    /** Leaves objects out of the comparison on both sides (tables owned by another tool, say). */
    readonly include?: IncludeObject;
    /** Values for the rows already there where a column becomes NOT NULL without a default (see `backfillsNeeded`). */
    readonly backfills?: readonly Backfill[];
}

/**
 * The ops that turn schema `from` into schema `to`, dependency-ordered: renames first, enum types
 * before the tables that use them, foreign keys dropped before what they reference and added
 * after it, and a name freed before another object takes it (see `freeNamesBeforeReuse`). Pure: no
 * I/O, no mutation. `applyOps(from, diff(from, to))` equals `to`.
 *
 * @example
 * const ops = diff(headSnapshot, await readSchema(dataSource), {
 *     renames: { tables: [], columns: [{ table: { schema: "public", table: "user" }, from: "name", to: "fullName" }] },
 * });
 * if (ops.length === 0) console.log("No changes in schema detected.");
 */
export function diff(fromSchema: Schema, toSchema: Schema, options: DiffOptions = {}): Op[] {
    const filtered = options.include ? filterSchema(fromSchema, options.include) : fromSchema;
    const to = options.include ? filterSchema(toSchema, options.include) : toSchema;
    const decisions = options.renames ?? noRenames;
    const computedDrops = computedColumnsAcrossRenames(filtered, to, decisions);
    const from = applyOps(filtered, computedDrops);
    const { ops: renames, renamed } = renameOps(from, to, decisions);
    const plan = new Plan(renamed, to);
    plan.schemasAndExtensions();
    plan.enumsBeforeTables();
    plan.viewsAndRowsDropped();
    plan.foreignKeysDropped();
    plan.tableMembersDropped();
    plan.tablesDropped();
    plan.columns(options.backfills ?? []);
    plan.tableMembersAdded();
    plan.foreignKeysAdded();
    plan.viewsAndRowsCreated();
    plan.schemasAndExtensionsDropped();
    return newTableForeignKeysSafe(freeNamesBeforeReuse(filtered, [...computedDrops, ...renames, ...plan.ops()]));
}

/**
 * A computed column whose expression changes in a diff that renames columns: its old expression
 * names the old columns and its new one the new, so neither order of rename and alter is valid
 * both ways. It is dropped before the renames (and added back after them); it holds no data.
 */
function computedColumnsAcrossRenames(from: Schema, to: Schema, decisions: RenameDecisions): Op[] {
    if (decisions.tables.length === 0 && decisions.columns.length === 0) return [];
    const newTableOf = new Map(decisions.tables.map((r) => [tableKey(r.from), r.to]));
    const toColumns = byKey(to.columns, memberKey);
    return from.columns
        .filter((column) => column.asExpression !== null)
        .filter((column) => {
            const now = toColumns.get(memberKey({ ...(newTableOf.get(tableKey(column)) ?? column), name: column.name }));
            return now !== undefined && now.asExpression !== column.asExpression;
        })
        .map((column) => ({
            kind: "dropColumn",
            column,
            risk: "safe",
            reasons: [`computed column ${column.table}.${column.name} is re-created around the renames: its expression changes`],
        }));
}

/** The order ops come out in; each op of the plan is staged in one of these. */
const stageOrder = [
    // Views go before enum changes: PostgreSQL will not rebuild an enum type a view reads.
    "drop-views",
    "create-schemas",
    "create-enums",
    "drop-fks",
    "drop-members",
    "drop-tables",
    "drop-computed",
    "drop-columns",
    "create-tables",
    "add-columns",
    "alter-columns",
    "late-enums",
    "add-computed",
    "add-members",
    "add-fks",
    "drop-enums",
    "create-views",
    "drop-schemas",
] as const;

type Stage = (typeof stageOrder)[number];

const byKey = keyedBy;

/** Entries of `a` whose key is absent from `b`. */
function missingFrom<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): T[] {
    const missing: T[] = [];
    for (const [k, v] of a) if (!b.has(k)) missing.push(v);
    return missing;
}

/** Entries present in both under the same key but with different content. */
function changedBetween<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): [T, T][] {
    const changed: [T, T][] = [];
    for (const [k, v] of a) {
        const other = b.get(k);
        if (other !== undefined && !deepEqual(v, other)) changed.push([v, other]);
    }
    return changed;
}

/** Entries equal on both sides that `rebuilt` lists, each with its reason. */
function unchangedRebuilt<T extends TableRef & { name: string }>(a: readonly T[], b: readonly T[], rebuilt: ReadonlyMap<string, string>): [T, string][] {
    if (rebuilt.size === 0) return [];
    const to = byKey(b, memberKey);
    return a.flatMap((entry): [T, string][] => {
        const reason = rebuilt.get(memberKey(entry));
        return reason !== undefined && deepEqual(entry, to.get(memberKey(entry))) ? [[entry, reason]] : [];
    });
}

class Plan {
    private readonly staged = new Map<Stage, Op[]>(stageOrder.map((s) => [s, []]));
    private readonly fromTables: ReadonlyMap<string, TableRef>;
    private readonly toTables: ReadonlyMap<string, TableRef>;
    private readonly views: ReturnType<typeof planViews>;
    /** What is dropped and added back unchanged because something it stands on changes. */
    private readonly rebuilds: Rebuilds;
    /** Indexes on tables, and on (materialized) views: those go with their view's drop and create. */
    private readonly fromIndexes: IndexesByOwner;
    private readonly toIndexes: IndexesByOwner;

    constructor(
        private readonly from: Schema,
        private readonly to: Schema,
    ) {
        this.fromTables = byKey(from.tables, tableKey);
        this.toTables = byKey(to.tables, tableKey);
        this.views = planViews(from, to);
        this.rebuilds = planRebuilds(from, to);
        this.fromIndexes = splitViewIndexes(from);
        this.toIndexes = splitViewIndexes(to);
    }

    ops(): Op[] {
        return stageOrder.flatMap((stage) => this.staged.get(stage) ?? []);
    }

    private emit(stage: Stage, op: Op): void {
        (this.staged.get(stage) as Op[]).push(op);
    }

    private existsInBoth(ref: TableRef): boolean {
        const k = tableKey(ref);
        return this.fromTables.has(k) && this.toTables.has(k);
    }

    /** Whether the tables of all `members` exist on both sides (looked up once per run of one table's members). */
    private allInBoth(members: readonly TableRef[]): boolean {
        let previous: TableRef | undefined;
        for (const member of members) {
            if (previous !== undefined && sameTable(previous, member)) continue;
            if (!this.existsInBoth(member)) return false;
            previous = member;
        }
        return true;
    }

    schemasAndExtensions(): void {
        for (const schema of this.to.schemas.filter((s) => !this.from.schemas.includes(s))) {
            this.emit("create-schemas", { kind: "createSchema", schema, reasons: [`schema ${schema} is new`], risk: "safe" });
        }
        for (const extension of this.to.extensions.filter((e) => !this.from.extensions.includes(e))) {
            this.emit("create-schemas", { kind: "createExtension", extension, reasons: [`extension ${extension} is needed`], risk: "safe" });
        }
    }

    schemasAndExtensionsDropped(): void {
        for (const extension of this.from.extensions.filter((e) => !this.to.extensions.includes(e))) {
            this.emit("drop-schemas", { kind: "dropExtension", extension, reasons: [`extension ${extension} is no longer needed`], risk: "safe" });
        }
        for (const schema of this.from.schemas.filter((s) => !this.to.schemas.includes(s))) {
            this.emit("drop-schemas", { kind: "dropSchema", schema, reasons: [`schema ${schema} is no longer used`], risk: "destructive" });
        }
    }

    /** New enum types, and value additions, come before any column that may use them. */
    enumsBeforeTables(): void {
        const from = byKey(this.from.enums, namedKey);
        const to = byKey(this.to.enums, namedKey);
        for (const enumType of missingFrom(to, from)) {
            this.emit("create-enums", { kind: "createEnum", enumType, reasons: [`enum type ${enumType.name} is new`], risk: "safe" });
        }
        for (const [before, after] of changedBetween(from, to)) {
            const reasons = [`values: ${before.values.join(", ")} → ${after.values.join(", ")}`];
            if (onlyAddsValues(before, after)) {
                this.emit("create-enums", { kind: "alterEnum", before, after, reasons, risk: "safe" });
                continue;
            }
            // Removals and reorders rebuild the type after the columns have changed; additions go first
            // so that a column default may already use a new value.
            const union: EnumType = { ...before, values: [...before.values, ...after.values.filter((v) => !before.values.includes(v))] };
            if (union.values.length > before.values.length) {
                this.emit("create-enums", { kind: "alterEnum", before, after: union, reasons, risk: "safe" });
            }
            this.emit("late-enums", { kind: "alterEnum", before: union, after, reasons, risk: "destructive" });
        }
        for (const enumType of missingFrom(from, to)) {
            this.emit("drop-enums", { kind: "dropEnum", enumType, reasons: [`enum type ${enumType.name} is no longer used`], risk: "safe" });
        }
    }

    viewsAndRowsDropped(): void {
        // A view's indexes are dropped before it: the state then holds no index on a missing view.
        const droppedViews = new Set(this.views.drops.map(({ view }) => namedKey(view)));
        for (const [index, reason] of this.viewIndexesBetween(this.fromIndexes.onViews, this.toIndexes.onViews, droppedViews, "dropped with its view")) {
            this.emit("drop-views", { kind: "dropIndex", index, reasons: [reason], risk: "safe" });
        }
        for (const { view, reason } of this.views.drops) {
            this.emit("drop-views", { kind: "dropView", view, reasons: [reason], risk: "safe" });
        }
        const rowsFrom = byKey(this.from.metadataRows, metadataRowKey);
        const rowsTo = byKey(this.to.metadataRows, metadataRowKey);
        for (const row of [...missingFrom(rowsFrom, rowsTo), ...changedBetween(rowsFrom, rowsTo).map(([before]) => before)]) {
            this.emit("drop-views", { kind: "deleteMetadataRow", row, reasons: [`typeorm_metadata ${row.type} ${row.name} removed or changed`], risk: "safe" });
        }
    }

    viewsAndRowsCreated(): void {
        for (const { view, reason } of this.views.creates) {
            this.emit("create-views", { kind: "createView", view, reasons: [reason], risk: "safe" });
        }
        const createdViews = new Set(this.views.creates.map(({ view }) => namedKey(view)));
        for (const [index, reason] of this.viewIndexesBetween(this.toIndexes.onViews, this.fromIndexes.onViews, createdViews, "created with its view")) {
            this.emit("create-views", {
                kind: "createIndex",
                index,
                reasons: [reason],
                risk: index.unique ? "data-dependent" : "safe",
            });
        }
        const rowsFrom = byKey(this.from.metadataRows, metadataRowKey);
        const rowsTo = byKey(this.to.metadataRows, metadataRowKey);
        for (const row of [...missingFrom(rowsTo, rowsFrom), ...changedBetween(rowsFrom, rowsTo).map(([, after]) => after)]) {
            this.emit("create-views", { kind: "insertMetadataRow", row, reasons: [`typeorm_metadata ${row.type} ${row.name} new or changed`], risk: "safe" });
        }
    }

    /** Indexes of `side` on a view in `views` (dropped or created), or not in `other` as they are, each with its reason. */
    private viewIndexesBetween(side: readonly Index[], other: readonly Index[], views: ReadonlySet<string>, withView: string): [Index, string][] {
        if (side.length === 0) return [];
        const others = byKey(other, memberKey);
        return side.flatMap((index): [Index, string][] => {
            if (views.has(tableKey(index))) return [[index, `index ${index.name} on view ${index.table} ${withView}`]];
            return deepEqual(index, others.get(memberKey(index))) ? [] : [[index, `index ${index.name} on view ${index.table} removed, new or changed`]];
        });
    }

    foreignKeysDropped(): void {
        const from = byKey(this.from.foreignKeys, memberKey);
        const to = byKey(this.to.foreignKeys, memberKey);
        for (const fk of missingFrom(from, to)) {
            this.emit("drop-fks", { kind: "dropForeignKey", foreignKey: fk, reasons: [`foreign key ${fk.name} removed`], risk: "safe" });
        }
        for (const [before] of changedBetween(from, to)) {
            this.emit("drop-fks", { kind: "dropForeignKey", foreignKey: before, reasons: [`foreign key ${before.name} changed`], risk: "safe" });
        }
        for (const [fk, reason] of unchangedRebuilt(this.from.foreignKeys, this.to.foreignKeys, this.rebuilds.foreignKeys)) {
            this.emit("drop-fks", { kind: "dropForeignKey", foreignKey: fk, reasons: [`foreign key ${fk.name} ${reason}`], risk: "safe" });
        }
    }

    foreignKeysAdded(): void {
        const from = byKey(this.from.foreignKeys, memberKey);
        const to = byKey(this.to.foreignKeys, memberKey);
        for (const fk of missingFrom(to, from)) {
            this.emit("add-fks", {
                kind: "addForeignKey",
                foreignKey: fk,
                reasons: [`foreign key ${fk.name} on ${fk.table} (${fk.columns.join(", ")}) → ${fk.referencedTable} is new`],
                risk: "data-dependent",
            });
        }
        for (const [, after] of changedBetween(from, to)) {
            this.emit("add-fks", { kind: "addForeignKey", foreignKey: after, reasons: [`foreign key ${after.name} changed`], risk: "data-dependent" });
        }
        for (const [fk, reason] of unchangedRebuilt(this.from.foreignKeys, this.to.foreignKeys, this.rebuilds.foreignKeys)) {
            this.emit("add-fks", { kind: "addForeignKey", foreignKey: fk, reasons: [`foreign key ${fk.name} re-added: it ${reason}`], risk: "data-dependent" });
        }
    }

    /** Indexes of every table; uniques, checks and primary keys only of tables that stay (the rest go with the table). */
    tableMembersDropped(): void {
        const diffOf = <T extends TableRef & { name: string }>(a: readonly T[], b: readonly T[]) => {
            const from = byKey(a, memberKey);
            const to = byKey(b, memberKey);
            return [...missingFrom(from, to), ...changedBetween(from, to).map(([before]) => before)];
        };
        for (const index of diffOf(this.fromIndexes.onTables, this.toIndexes.onTables)) {
            this.emit("drop-members", { kind: "dropIndex", index, reasons: [`index ${index.name} on ${index.table} removed or changed`], risk: "safe" });
        }
        for (const [index, reason] of unchangedRebuilt(this.fromIndexes.onTables, this.toIndexes.onTables, this.rebuilds.indexes)) {
            this.emit("drop-members", { kind: "dropIndex", index, reasons: [`index ${index.name} ${reason}`], risk: "safe" });
        }
        for (const [unique, reason] of unchangedRebuilt(this.from.uniques, this.to.uniques, this.rebuilds.uniques)) {
            this.emit("drop-members", { kind: "dropUnique", unique, reasons: [`unique ${unique.name} ${reason}`], risk: "safe" });
        }
        for (const [check, reason] of unchangedRebuilt(this.from.checks, this.to.checks, this.rebuilds.checks)) {
            this.emit("drop-members", { kind: "dropCheck", check, reasons: [`check ${check.name} ${reason}`], risk: "safe" });
        }
        for (const unique of diffOf(this.from.uniques, this.to.uniques).filter((u) => this.existsInBoth(u))) {
            this.emit("drop-members", { kind: "dropUnique", unique, reasons: [`unique ${unique.name} on ${unique.table} removed or changed`], risk: "safe" });
        }
        for (const check of diffOf(this.from.checks, this.to.checks).filter((c) => this.existsInBoth(c))) {
            this.emit("drop-members", { kind: "dropCheck", check, reasons: [`check ${check.name} on ${check.table} removed or changed`], risk: "safe" });
        }
        for (const exclusion of diffOf(this.from.exclusions, this.to.exclusions)) {
            this.emit("drop-members", {
                kind: "dropExclusion",
                exclusion,
                reasons: [`exclusion ${exclusion.name} on ${exclusion.table} removed or changed`],
                risk: "safe",
            });
        }
        const pkTo = byKey(this.to.primaryKeys, tableKey);
        for (const pk of this.from.primaryKeys.filter((p) => this.existsInBoth(p) && !deepEqual(p, pkTo.get(tableKey(p))))) {
            this.emit("drop-members", { kind: "dropPrimaryKey", primaryKey: pk, reasons: [`primary key ${pk.name} removed or changed`], risk: "safe" });
        }
    }

    tableMembersAdded(): void {
        const diffOf = <T extends TableRef & { name: string }>(a: readonly T[], b: readonly T[]) => {
            const from = byKey(a, memberKey);
            const to = byKey(b, memberKey);
            return [...missingFrom(to, from), ...changedBetween(from, to).map(([, after]) => after)];
        };
        const pkFrom = byKey(this.from.primaryKeys, tableKey);
        for (const pk of this.to.primaryKeys.filter((p) => this.existsInBoth(p) && !deepEqual(p, pkFrom.get(tableKey(p))))) {
            this.emit("add-members", { kind: "addPrimaryKey", primaryKey: pk, reasons: [`primary key ${pk.name} new or changed`], risk: "data-dependent" });
        }
        for (const unique of diffOf(this.from.uniques, this.to.uniques).filter((u) => this.existsInBoth(u))) {
            this.emit("add-members", {
                kind: "addUnique",
                unique,
                reasons: [`unique ${unique.name} on ${unique.table} (${unique.columns.join(", ")}) is new or changed`],
                risk: "data-dependent",
            });
        }
        for (const check of diffOf(this.from.checks, this.to.checks).filter((c) => this.existsInBoth(c))) {
            this.emit("add-members", { kind: "addCheck", check, reasons: [`check ${check.name} on ${check.table} is new or changed`], risk: "data-dependent" });
        }
        for (const exclusion of diffOf(this.from.exclusions, this.to.exclusions)) {
            this.emit("add-members", {
                kind: "addExclusion",
                exclusion,
                reasons: [`exclusion ${exclusion.name} on ${exclusion.table} is new or changed`],
                risk: "data-dependent",
            });
        }
        for (const [unique, reason] of unchangedRebuilt(this.from.uniques, this.to.uniques, this.rebuilds.uniques)) {
            this.emit("add-members", { kind: "addUnique", unique, reasons: [`unique ${unique.name} re-added: it ${reason}`], risk: "data-dependent" });
        }
        for (const [check, reason] of unchangedRebuilt(this.from.checks, this.to.checks, this.rebuilds.checks)) {
            this.emit("add-members", { kind: "addCheck", check, reasons: [`check ${check.name} re-added: it ${reason}`], risk: "data-dependent" });
        }
        for (const index of diffOf(this.fromIndexes.onTables, this.toIndexes.onTables)) {
            this.emit("add-members", {
                kind: "createIndex",
                index,
                reasons: [`index ${index.name} on ${index.table} (${indexKeyList(index)}) is new or changed`],
                risk: index.unique ? "data-dependent" : "safe",
            });
        }
        for (const [index, reason] of unchangedRebuilt(this.fromIndexes.onTables, this.toIndexes.onTables, this.rebuilds.indexes)) {
            this.emit("add-members", {
                kind: "createIndex",
                index,
                reasons: [`index ${index.name} re-created: it ${reason}`],
                risk: index.unique ? "data-dependent" : "safe",
            });
        }
    }

    tablesDropped(): void {
        const dropped = missingFrom(this.fromTables, this.toTables);
        const created = missingFrom(this.toTables, this.fromTables);
        const fromDefinitions = dropped.length === 0 ? new Map<string, TableDefinition>() : tableDefinitions(this.from);
        const toDefinitions = created.length === 0 ? new Map<string, TableDefinition>() : tableDefinitions(this.to);
        for (const table of childrenFirst(dropped, this.from.foreignKeys)) {
            this.emit("drop-tables", {
                kind: "dropTable",
                definition: fromDefinitions.get(tableKey(table)) as TableDefinition,
                reasons: [`table ${table.table} is no longer in the entities`],
                risk: "destructive",
            });
        }
        // Parents first, so that the down migration (reversed) drops children first.
        for (const table of parentsFirst(created, this.to.foreignKeys)) {
            this.emit("create-tables", {
                kind: "createTable",
                definition: toDefinitions.get(tableKey(table)) as TableDefinition,
                reasons: [`table ${table.table} is new`],
                risk: "safe",
            });
        }
        const fromFull = byKey(this.from.tables, tableKey);
        for (const [before, after] of changedBetween(fromFull, byKey(this.to.tables, tableKey))) {
            this.emit("alter-columns", {
                kind: "setTableComment",
                before,
                after,
                reasons: tableChanges(before, after),
                // Another character set converts the rows, which may not fit it.
                risk: (before.charset ?? null) === (after.charset ?? null) ? "safe" : "data-dependent",
            });
        }
    }

    columns(backfills: readonly Backfill[]): void {
        const backfillOf = new Map(backfills.map((b) => [memberKey({ ...b.table, name: b.column }), b.value]));
        const filled = <T extends Op>(op: T): T => {
            const value = makesNotNull(op) ? backfillOf.get(memberKey(notNullColumn(op))) : undefined;
            if (value === undefined) return op;
            return { ...op, backfill: value, reasons: [...op.reasons, `rows already there get ${value}`] };
        };
        // Usually every table is on both sides: the lists as they are, and their cached keyed maps.
        const inBoth = (columns: readonly Column[]) => (this.allInBoth(columns) ? columns : columns.filter((c) => this.existsInBoth(c)));
        const fromColumns = inBoth(this.from.columns);
        const toColumns = inBoth(this.to.columns);
        const from = byKey(fromColumns, memberKey);
        const to = byKey(toColumns, memberKey);
        for (const column of missingFrom(from, to)) {
            // A computed column goes before the columns it reads (and, in the down, comes back after them).
            this.emit(column.asExpression === null ? "drop-columns" : "drop-computed", {
                kind: "dropColumn",
                column,
                reasons: [`column ${column.table}.${column.name} removed`],
                risk: "destructive",
            });
        }
        for (const column of missingFrom(to, from)) {
            const risk = column.nullable || column.default !== null || column.generated !== null || column.asExpression !== null ? "safe" : "data-dependent";
            // A computed column comes after the columns it reads have their final type.
            this.emit(
                column.asExpression === null ? "add-columns" : "add-computed",
                filled({ kind: "addColumn", column, reasons: [`column ${column.table}.${column.name} is new`], risk }),
            );
        }
        for (const [before, after] of changedColumnPairs(fromColumns, toColumns)) {
            const changes = columnChanges(before, after);
            const reasons = changes.map((change) => `${before.table}.${before.name} ${change}`);
            const recreated = this.rebuilds.computedColumns.get(memberKey(before));
            if (recreated !== undefined) {
                this.emit("drop-computed", { kind: "dropColumn", column: before, reasons: [...reasons, recreated], risk: "safe" });
                this.emit("add-computed", { kind: "addColumn", column: after, reasons: [...reasons, recreated], risk: "safe" });
                continue;
            }
            const first = this.rebuilds.uncomputedFirst.get(memberKey(before));
            this.emit(
                first === undefined ? "alter-columns" : "drop-computed",
                filled({
                    kind: "alterColumn",
                    before,
                    after,
                    reasons: first === undefined ? reasons : [...reasons, first],
                    risk: alterColumnRisk(before, after),
                }),
            );
        }
    }
}

/**
 * Tables ordered so that a table referencing another comes before it: with foreign keys still
 * enforced (TypeORM's `migration:revert` on SQLite) a parent cannot go while a child is there.
 * Otherwise in key order; a cycle is broken where it is met.
 */
function childrenFirst<T extends TableRef>(tables: readonly T[], foreignKeys: readonly ForeignKey[]): T[] {
    return dependencyOrder(tables, foreignKeys, "children");
}

/** The order to create tables in: a referenced table before the tables that reference it. */
function parentsFirst<T extends TableRef>(tables: readonly T[], foreignKeys: readonly ForeignKey[]): T[] {
    return dependencyOrder(tables, foreignKeys, "parents");
}

function dependencyOrder<T extends TableRef>(tables: readonly T[], foreignKeys: readonly ForeignKey[], first: "parents" | "children"): T[] {
    const members = new Map(tables.map((t) => [tableKey(t), t]));
    const before = new Map<string, string[]>();
    for (const fk of foreignKeys) {
        const child = tableKey(fk);
        const parent = tableKey({ schema: fk.referencedSchema, table: fk.referencedTable });
        if (!members.has(parent) || !members.has(child) || parent === child) continue;
        const [earlier, later] = first === "parents" ? [parent, child] : [child, parent];
        before.set(later, [...(before.get(later) ?? []), earlier]);
    }
    const ordered: T[] = [];
    const visited = new Set<string>();
    const visit = (key: string): void => {
        if (visited.has(key)) return;
        visited.add(key);
        for (const earlier of before.get(key) ?? []) visit(earlier);
        ordered.push(members.get(key) as T);
    };
    for (const key of [...members.keys()].sort()) visit(key);
    return ordered;
}

/** What CREATE TABLE carries for `ref` in `schema`. */
export function definitionOf(schema: Schema, ref: TableRef): TableDefinition {
    const definition = tableDefinitions(schema).get(tableKey(ref));
    if (!definition) throw new Error(`no table ${tableKey(ref)}`);
    return definition;
}

/** Every table's CREATE TABLE content, grouped in one pass over the schema. */
export function tableDefinitions(schema: Schema): Map<string, TableDefinition> {
    type Building = { -readonly [K in keyof TableDefinition]: TableDefinition[K] extends readonly (infer E)[] ? E[] : TableDefinition[K] };
    const building = new Map<string, Building>(
        schema.tables.map((table) => [tableKey(table), { table, columns: [], primaryKey: null, uniques: [], checks: [] }]),
    );
    const on = (ref: TableRef) => building.get(tableKey(ref));
    for (const column of schema.columns) on(column)?.columns.push(column);
    for (const unique of schema.uniques) on(unique)?.uniques.push(unique);
    for (const check of schema.checks) on(check)?.checks.push(check);
    for (const primaryKey of schema.primaryKeys) {
        const entry = on(primaryKey);
        if (entry) entry.primaryKey = primaryKey;
    }
    return building;
}
