import type { Column, Schema, Table, TableRef } from "../schema/model";
import { memberKey, metadataRowKey, namedKey, sameTable, tableKey } from "../schema/keys";
import { canonicalize } from "../schema/canonical";
import { keyedBy, rememberKeyed } from "../schema/keyed";
import { InvalidOpError } from "./errors";
import { dispatchOp, type ConstraintKind, type Op, type OpTable } from "./ops";

/**
 * Applies one op to a schema, returning the new schema. Pure and strict: creating what exists or
 * dropping what does not throws `InvalidOpError`, so an op list in the wrong order is caught.
 *
 * @example
 * const next = applyOp(schema, { kind: "createExtension", extension: "uuid-ossp", reasons: [], risk: "safe" });
 */
export function applyOp(schema: Schema, op: Op): Schema {
    return applyOps(schema, [op]);
}

/** Applies ops in order; linear in the size of the schema plus the number of ops. */
export function applyOps(schema: Schema, ops: readonly Op[]): Schema {
    if (ops.length === 0) return canonicalize(schema);
    const working = new WorkingSchema(schema);
    for (const op of ops) working.apply(op);
    return working.toSchema();
}

/** A keyed, mutable copy of a schema that ops are applied to one by one. */
export class WorkingSchema {
    private readonly schemas: Map<string, string>;
    private readonly extensions: Map<string, string>;
    private readonly enums;
    private readonly tables;
    private readonly columns;
    private readonly primaryKeys;
    private readonly indexes;
    private readonly uniques;
    private readonly foreignKeys;
    private readonly checks;
    private readonly exclusions;
    private readonly views;
    private readonly metadataRows;
    private readonly appliers: OpTable<void>;

    constructor(private readonly base: Schema) {
        // A copy of the list's keyed map: the differ has usually built it already.
        const keyed = <T>(list: readonly T[], key: (t: T) => string) => new Map(keyedBy(list, key));
        this.schemas = keyed(base.schemas, itself);
        this.extensions = keyed(base.extensions, itself);
        this.enums = keyed(base.enums, namedKey);
        this.tables = keyed(base.tables, tableKey);
        this.columns = keyed(base.columns, memberKey);
        this.primaryKeys = keyed(base.primaryKeys, memberKey);
        this.indexes = keyed(base.indexes, memberKey);
        this.uniques = keyed(base.uniques, memberKey);
        this.foreignKeys = keyed(base.foreignKeys, memberKey);
        this.checks = keyed(base.checks, memberKey);
        this.exclusions = keyed(base.exclusions ?? [], memberKey);
        this.views = keyed(base.views, namedKey);
        this.metadataRows = keyed(base.metadataRows, metadataRowKey);
        this.appliers = this.buildAppliers();
    }

    apply(op: Op): void {
        dispatchOp(this.appliers, op);
    }

    toSchema(): Schema {
        const lists = {
            enums: [...this.enums.values()],
            tables: [...this.tables.values()],
            columns: [...this.columns.values()],
            primaryKeys: [...this.primaryKeys.values()],
            indexes: [...this.indexes.values()],
            uniques: [...this.uniques.values()],
            foreignKeys: [...this.foreignKeys.values()],
            checks: [...this.checks.values()],
        };
        const schema = canonicalize({
            ...this.base,
            schemas: [...this.schemas.values()],
            extensions: [...this.extensions.values()],
            ...lists,
            exclusions: [...this.exclusions.values()],
            views: [...this.views.values()],
            metadataRows: [...this.metadataRows.values()],
        });
        // A list canonicalize kept as it was is this map's values in order: a copy of the map (it
        // changes with the next op) is that list's keyed map, which the differ would build again.
        const remember = <T>(list: readonly T[], made: readonly T[], key: (t: T) => string, map: Map<string, T>) => {
            if (list === made) rememberKeyed(list, key, new Map(map));
        };
        remember(schema.enums, lists.enums, namedKey, this.enums);
        remember(schema.tables, lists.tables, tableKey, this.tables);
        remember(schema.columns, lists.columns, memberKey, this.columns);
        remember(schema.primaryKeys, lists.primaryKeys, memberKey, this.primaryKeys);
        remember(schema.indexes, lists.indexes, memberKey, this.indexes);
        remember(schema.uniques, lists.uniques, memberKey, this.uniques);
        remember(schema.foreignKeys, lists.foreignKeys, memberKey, this.foreignKeys);
        remember(schema.checks, lists.checks, memberKey, this.checks);
        return schema;
    }

    private buildAppliers(): OpTable<void> {
        const value = (v: string) => v;
        return {
            createSchema: (op) => add(this.schemas, op.schema, value, "schema"),
            dropSchema: (op) => remove(this.schemas, op.schema, value, "schema"),
            createExtension: (op) => add(this.extensions, op.extension, value, "extension"),
            dropExtension: (op) => remove(this.extensions, op.extension, value, "extension"),
            createEnum: (op) => add(this.enums, op.enumType, namedKey, "enum type"),
            dropEnum: (op) => remove(this.enums, op.enumType, namedKey, "enum type"),
            alterEnum: (op) => replace(this.enums, op.before, op.after, namedKey, "enum type"),
            createTable: ({ definition: d }) => {
                add(this.tables, d.table, tableKey, "table");
                for (const column of d.columns) add(this.columns, column, memberKey, "column");
                if (d.primaryKey) add(this.primaryKeys, d.primaryKey, memberKey, "primary key");
                for (const unique of d.uniques) add(this.uniques, unique, memberKey, "unique");
                for (const check of d.checks) add(this.checks, check, memberKey, "check");
            },
            dropTable: ({ definition: d }) => {
                for (const column of d.columns) remove(this.columns, column, memberKey, "column");
                if (d.primaryKey) remove(this.primaryKeys, d.primaryKey, memberKey, "primary key");
                for (const unique of d.uniques) remove(this.uniques, unique, memberKey, "unique");
                for (const check of d.checks) remove(this.checks, check, memberKey, "check");
                this.assertNothingLeftOn(d.table);
                remove(this.tables, d.table, tableKey, "table");
            },
            setTableComment: (op) => replace(this.tables, op.before, op.after, tableKey, "table"),
            addColumn: (op) => {
                if (!this.tables.has(tableKey(op.column))) throw new InvalidOpError(`table ${tableKey(op.column)} does not exist`);
                add(this.columns, op.column, memberKey, "column");
            },
            dropColumn: (op) => remove(this.columns, op.column, memberKey, "column"),
            alterColumn: (op) => replace(this.columns, op.before, op.after, memberKey, "column"),
            addPrimaryKey: (op) => add(this.primaryKeys, op.primaryKey, memberKey, "primary key"),
            dropPrimaryKey: (op) => remove(this.primaryKeys, op.primaryKey, memberKey, "primary key"),
            createIndex: (op) => add(this.indexes, op.index, memberKey, "index"),
            dropIndex: (op) => remove(this.indexes, op.index, memberKey, "index"),
            addUnique: (op) => add(this.uniques, op.unique, memberKey, "unique"),
            dropUnique: (op) => remove(this.uniques, op.unique, memberKey, "unique"),
            addForeignKey: (op) => add(this.foreignKeys, op.foreignKey, memberKey, "foreign key"),
            dropForeignKey: (op) => remove(this.foreignKeys, op.foreignKey, memberKey, "foreign key"),
            addCheck: (op) => add(this.checks, op.check, memberKey, "check"),
            dropCheck: (op) => remove(this.checks, op.check, memberKey, "check"),
            addExclusion: (op) => add(this.exclusions, op.exclusion, memberKey, "exclusion"),
            dropExclusion: (op) => remove(this.exclusions, op.exclusion, memberKey, "exclusion"),
            createView: (op) => add(this.views, op.view, namedKey, "view"),
            dropView: (op) => remove(this.views, op.view, namedKey, "view"),
            insertMetadataRow: (op) => add(this.metadataRows, op.row, metadataRowKey, "typeorm_metadata row"),
            deleteMetadataRow: (op) => remove(this.metadataRows, op.row, metadataRowKey, "typeorm_metadata row"),
            renameTable: (op) => this.renameTable(op.before, op.after),
            renameColumn: (op) => this.renameColumn(op.before, op.after),
            renameIndex: (op) => {
                remove(this.indexes, op.before, memberKey, "index");
                add(this.indexes, op.after, memberKey, "index");
            },
            renameConstraint: (op) => {
                const map = this.constraintMap(op.constraint);
                const entry = map.get(memberKey({ ...op.table, name: op.before }));
                if (!entry) throw new InvalidOpError(`${op.constraint} ${op.before} on ${tableKey(op.table)} does not exist`);
                remove(map, entry, memberKey, op.constraint);
                add(map, { ...entry, name: op.after }, memberKey, op.constraint);
            },
            renameEnum: (op) => {
                remove(this.enums, op.before, namedKey, "enum type");
                add(this.enums, op.after, namedKey, "enum type");
                rekey(
                    this.columns,
                    (c) => c.schema === op.before.schema && c.enumName === op.before.name,
                    (c) => ({ ...c, enumName: op.after.name }),
                    memberKey,
                );
            },
        };
    }

    private constraintMap(kind: ConstraintKind): Map<string, TableRef & { name: string }> {
        const maps = { primaryKey: this.primaryKeys, unique: this.uniques, foreignKey: this.foreignKeys, check: this.checks, exclusion: this.exclusions };
        return maps[kind];
    }

    /** Moves the table and everything on it; foreign keys pointing at it follow. */
    private renameTable(before: Table, after: Table): void {
        remove(this.tables, before, tableKey, "table");
        add(this.tables, after, tableKey, "table");
        const on = (entry: TableRef) => sameTable(entry, before);
        const moved = <T extends TableRef>(entry: T): T => ({ ...entry, schema: after.schema, table: after.table });
        rekey(this.columns, on, moved, memberKey);
        rekey(this.primaryKeys, on, moved, memberKey);
        rekey(this.indexes, on, moved, memberKey);
        rekey(this.uniques, on, moved, memberKey);
        rekey(this.checks, on, moved, memberKey);
        rekey(this.exclusions, on, moved, memberKey);
        rekey(this.foreignKeys, on, moved, memberKey);
        rekey(
            this.foreignKeys,
            (fk) => fk.referencedSchema === before.schema && fk.referencedTable === before.table,
            (fk) => ({ ...fk, referencedSchema: after.schema, referencedTable: after.table }),
            memberKey,
        );
        // typeorm_metadata rows are data in a table of their own: the differ replaces them afterwards.
    }

    /** Renames the column where it stands, and in every key, index and foreign key that lists it. */
    private renameColumn(before: Column, after: Column): void {
        if (!this.columns.has(memberKey(before))) throw new InvalidOpError(`column ${memberKey(before)} does not exist`);
        if (this.columns.has(memberKey(after))) throw new InvalidOpError(`column ${memberKey(after)} already exists`);
        const k = memberKey(before);
        rekey(
            this.columns,
            (c) => memberKey(c) === k,
            () => after,
            memberKey,
        );
        const rename = (names: readonly string[]) => names.map((n) => (n === before.name ? after.name : n));
        const on = (entry: TableRef) => sameTable(entry, before);
        rekey(this.primaryKeys, on, (pk) => ({ ...pk, columns: rename(pk.columns) }), memberKey);
        rekey(this.indexes, on, (index) => ({ ...index, columns: rename(index.columns) }), memberKey);
        rekey(this.uniques, on, (unique) => ({ ...unique, columns: rename(unique.columns) }), memberKey);
        rekey(this.foreignKeys, on, (fk) => ({ ...fk, columns: rename(fk.columns) }), memberKey);
        rekey(
            this.foreignKeys,
            (fk) => fk.referencedSchema === before.schema && fk.referencedTable === before.table,
            (fk) => ({ ...fk, referencedColumns: rename(fk.referencedColumns) }),
            memberKey,
        );
    }

    private assertNothingLeftOn(ref: TableRef): void {
        const left = [
            ...[...this.columns.values()].filter((c) => sameTable(c, ref)).map((c) => `column ${c.name}`),
            ...[...this.indexes.values()].filter((i) => sameTable(i, ref)).map((i) => `index ${i.name}`),
            ...[...this.foreignKeys.values()].filter((f) => sameTable(f, ref)).map((f) => `foreign key ${f.name}`),
            ...[...this.exclusions.values()].filter((x) => sameTable(x, ref)).map((x) => `exclusion ${x.name}`),
        ];
        if (left.length > 0) throw new InvalidOpError(`dropping table ${tableKey(ref)} would leave ${left.join(", ")}`);
    }
}

const itself = (value: string) => value;

/** Rewrites the entries `matches` selects, keeping every entry's position (column order matters). */
function rekey<T>(map: Map<string, T>, matches: (t: T) => boolean, change: (t: T) => T, key: (t: T) => string): void {
    if (![...map.values()].some(matches)) return;
    const entries = [...map.values()].map((entry) => (matches(entry) ? change(entry) : entry));
    map.clear();
    for (const entry of entries) add(map, entry, key, "entry");
}

function add<T>(map: Map<string, T>, item: T, key: (t: T) => string, what: string): void {
    const k = key(item);
    if (map.has(k)) throw new InvalidOpError(`${what} ${k} already exists`);
    map.set(k, item);
}

function remove<T>(map: Map<string, T>, item: T, key: (t: T) => string, what: string): void {
    if (!map.delete(key(item))) throw new InvalidOpError(`${what} ${key(item)} does not exist`);
}

/** Keeps the entry's position (a column stays where it was in its table). */
function replace<T>(map: Map<string, T>, before: T, after: T, key: (t: T) => string, what: string): void {
    const k = key(before);
    if (!map.has(k)) throw new InvalidOpError(`${what} ${k} does not exist`);
    if (key(after) !== k) throw new InvalidOpError(`${what} ${k} cannot change its identity to ${key(after)}`);
    map.set(k, after);
}
