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
    return working.finish();
}

/**
 * A schema list as a keyed map, copied only when an op first changes it: most ops change one
 * list, and a 10,000-table schema's column map is some 7 MB a copy (the lock report and the
 * rendering each keep a working schema of the whole state).
 */
class ListCopy<T> {
    private copy: Map<string, T> | null = null;

    constructor(
        private readonly base: readonly T[],
        private readonly key: (t: T) => string,
    ) {}

    /** The entries by key, as they stand. */
    get read(): ReadonlyMap<string, T> {
        return this.copy ?? keyedBy(this.base, this.key);
    }

    /** The entries by key, to change. */
    get write(): Map<string, T> {
        // The differ has usually built the base list's map already: copying it is one pass.
        this.copy ??= new Map(keyedBy(this.base, this.key));
        return this.copy;
    }

    /** The list as it stands: the base list itself while no op changed it (and its keys are unique, as a map's). */
    list(): readonly T[] {
        if (this.copy === null && keyedBy(this.base, this.key).size === this.base.length) return this.base;
        return [...this.read.values()];
    }

    /**
     * Records the map as `list`'s keyed map when `list` is this copy's values in order (canonicalize
     * kept it as it was), which the differ would build again. `last`: nothing is applied after
     * (`WorkingSchema.finish`), so the map itself is handed over rather than a copy of it.
     */
    rememberFor(list: readonly T[], made: readonly T[], last: boolean): void {
        if (this.copy === null || list !== made) return;
        rememberKeyed(list, this.key, last ? this.copy : new Map(this.copy));
    }
}

/** A keyed, mutable copy of a schema that ops are applied to one by one. */
export class WorkingSchema {
    private readonly schemas: ListCopy<string>;
    private readonly extensions: ListCopy<string>;
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
    private finished = false;

    constructor(private readonly base: Schema) {
        this.schemas = new ListCopy(base.schemas, itself);
        this.extensions = new ListCopy(base.extensions, itself);
        this.enums = new ListCopy(base.enums, namedKey);
        this.tables = new ListCopy(base.tables, tableKey);
        this.columns = new ListCopy(base.columns, memberKey);
        this.primaryKeys = new ListCopy(base.primaryKeys, memberKey);
        this.indexes = new ListCopy(base.indexes, memberKey);
        this.uniques = new ListCopy(base.uniques, memberKey);
        this.foreignKeys = new ListCopy(base.foreignKeys, memberKey);
        this.checks = new ListCopy(base.checks, memberKey);
        this.exclusions = new ListCopy(base.exclusions ?? [], memberKey);
        this.views = new ListCopy(base.views, namedKey);
        this.metadataRows = new ListCopy(base.metadataRows, metadataRowKey);
        this.appliers = this.buildAppliers();
    }

    apply(op: Op): void {
        // finish() gave its maps to the lists it returned: changing them would change those lists' keyed maps.
        if (this.finished) throw new Error("WorkingSchema: no op can be applied after finish()");
        dispatchOp(this.appliers, op);
    }

    /** The schema as it stands, for the last time: its maps are handed over, not copied, and no op applies after. */
    finish(): Schema {
        this.finished = true;
        return this.build(true);
    }

    /** The schema as it stands. */
    toSchema(): Schema {
        return this.build(false);
    }

    private build(last: boolean): Schema {
        const lists = {
            enums: this.enums.list(),
            tables: this.tables.list(),
            columns: this.columns.list(),
            primaryKeys: this.primaryKeys.list(),
            indexes: this.indexes.list(),
            uniques: this.uniques.list(),
            foreignKeys: this.foreignKeys.list(),
            checks: this.checks.list(),
        };
        const schema = canonicalize({
            ...this.base,
            schemas: this.schemas.list(),
            extensions: this.extensions.list(),
            ...lists,
            exclusions: this.exclusions.list(),
            views: this.views.list(),
            metadataRows: this.metadataRows.list(),
        });
        this.enums.rememberFor(schema.enums, lists.enums, last);
        this.tables.rememberFor(schema.tables, lists.tables, last);
        this.columns.rememberFor(schema.columns, lists.columns, last);
        this.primaryKeys.rememberFor(schema.primaryKeys, lists.primaryKeys, last);
        this.indexes.rememberFor(schema.indexes, lists.indexes, last);
        this.uniques.rememberFor(schema.uniques, lists.uniques, last);
        this.foreignKeys.rememberFor(schema.foreignKeys, lists.foreignKeys, last);
        this.checks.rememberFor(schema.checks, lists.checks, last);
        return schema;
    }

    private buildAppliers(): OpTable<void> {
        const value = (v: string) => v;
        return {
            createSchema: (op) => add(this.schemas.write, op.schema, value, "schema"),
            dropSchema: (op) => remove(this.schemas.write, op.schema, value, "schema"),
            createExtension: (op) => add(this.extensions.write, op.extension, value, "extension"),
            dropExtension: (op) => remove(this.extensions.write, op.extension, value, "extension"),
            createEnum: (op) => add(this.enums.write, op.enumType, namedKey, "enum type"),
            dropEnum: (op) => remove(this.enums.write, op.enumType, namedKey, "enum type"),
            alterEnum: (op) => replace(this.enums.write, op.before, op.after, namedKey, "enum type"),
            createTable: ({ definition: d }) => {
                add(this.tables.write, d.table, tableKey, "table");
                for (const column of d.columns) add(this.columns.write, column, memberKey, "column");
                if (d.primaryKey) add(this.primaryKeys.write, d.primaryKey, memberKey, "primary key");
                for (const unique of d.uniques) add(this.uniques.write, unique, memberKey, "unique");
                for (const check of d.checks) add(this.checks.write, check, memberKey, "check");
            },
            dropTable: ({ definition: d }) => {
                for (const column of d.columns) remove(this.columns.write, column, memberKey, "column");
                if (d.primaryKey) remove(this.primaryKeys.write, d.primaryKey, memberKey, "primary key");
                for (const unique of d.uniques) remove(this.uniques.write, unique, memberKey, "unique");
                for (const check of d.checks) remove(this.checks.write, check, memberKey, "check");
                this.assertNothingLeftOn(d.table);
                remove(this.tables.write, d.table, tableKey, "table");
            },
            setTableComment: (op) => replace(this.tables.write, op.before, op.after, tableKey, "table"),
            addColumn: (op) => {
                if (!this.tables.read.has(tableKey(op.column))) throw new InvalidOpError(`table ${tableKey(op.column)} does not exist`);
                add(this.columns.write, op.column, memberKey, "column");
            },
            dropColumn: (op) => remove(this.columns.write, op.column, memberKey, "column"),
            alterColumn: (op) => replace(this.columns.write, op.before, op.after, memberKey, "column"),
            addPrimaryKey: (op) => add(this.primaryKeys.write, op.primaryKey, memberKey, "primary key"),
            dropPrimaryKey: (op) => remove(this.primaryKeys.write, op.primaryKey, memberKey, "primary key"),
            createIndex: (op) => add(this.indexes.write, op.index, memberKey, "index"),
            dropIndex: (op) => remove(this.indexes.write, op.index, memberKey, "index"),
            addUnique: (op) => add(this.uniques.write, op.unique, memberKey, "unique"),
            dropUnique: (op) => remove(this.uniques.write, op.unique, memberKey, "unique"),
            addForeignKey: (op) => add(this.foreignKeys.write, op.foreignKey, memberKey, "foreign key"),
            dropForeignKey: (op) => remove(this.foreignKeys.write, op.foreignKey, memberKey, "foreign key"),
            addCheck: (op) => add(this.checks.write, op.check, memberKey, "check"),
            dropCheck: (op) => remove(this.checks.write, op.check, memberKey, "check"),
            addExclusion: (op) => add(this.exclusions.write, op.exclusion, memberKey, "exclusion"),
            dropExclusion: (op) => remove(this.exclusions.write, op.exclusion, memberKey, "exclusion"),
            createView: (op) => add(this.views.write, op.view, namedKey, "view"),
            dropView: (op) => remove(this.views.write, op.view, namedKey, "view"),
            insertMetadataRow: (op) => add(this.metadataRows.write, op.row, metadataRowKey, "typeorm_metadata row"),
            deleteMetadataRow: (op) => remove(this.metadataRows.write, op.row, metadataRowKey, "typeorm_metadata row"),
            renameTable: (op) => this.renameTable(op.before, op.after),
            renameColumn: (op) => this.renameColumn(op.before, op.after),
            renameIndex: (op) => {
                remove(this.indexes.write, op.before, memberKey, "index");
                add(this.indexes.write, op.after, memberKey, "index");
            },
            renameConstraint: (op) => {
                const map = this.constraintMap(op.constraint);
                const entry = map.get(memberKey({ ...op.table, name: op.before }));
                if (!entry) throw new InvalidOpError(`${op.constraint} ${op.before} on ${tableKey(op.table)} does not exist`);
                remove(map, entry, memberKey, op.constraint);
                add(map, { ...entry, name: op.after }, memberKey, op.constraint);
            },
            renameEnum: (op) => {
                remove(this.enums.write, op.before, namedKey, "enum type");
                add(this.enums.write, op.after, namedKey, "enum type");
                rekey(
                    this.columns.write,
                    (c) => c.schema === op.before.schema && c.enumName === op.before.name,
                    (c) => ({ ...c, enumName: op.after.name }),
                    memberKey,
                );
            },
        };
    }

    private constraintMap(kind: ConstraintKind): Map<string, TableRef & { name: string }> {
        const lists = { primaryKey: this.primaryKeys, unique: this.uniques, foreignKey: this.foreignKeys, check: this.checks, exclusion: this.exclusions };
        return lists[kind].write;
    }

    /** Moves the table and everything on it; foreign keys pointing at it follow. */
    private renameTable(before: Table, after: Table): void {
        remove(this.tables.write, before, tableKey, "table");
        add(this.tables.write, after, tableKey, "table");
        const on = (entry: TableRef) => sameTable(entry, before);
        const moved = <T extends TableRef>(entry: T): T => ({ ...entry, schema: after.schema, table: after.table });
        rekey(this.columns.write, on, moved, memberKey);
        rekey(this.primaryKeys.write, on, moved, memberKey);
        rekey(this.indexes.write, on, moved, memberKey);
        rekey(this.uniques.write, on, moved, memberKey);
        rekey(this.checks.write, on, moved, memberKey);
        rekey(this.exclusions.write, on, moved, memberKey);
        rekey(this.foreignKeys.write, on, moved, memberKey);
        rekey(
            this.foreignKeys.write,
            (fk) => fk.referencedSchema === before.schema && fk.referencedTable === before.table,
            (fk) => ({ ...fk, referencedSchema: after.schema, referencedTable: after.table }),
            memberKey,
        );
        // typeorm_metadata rows are data in a table of their own: the differ replaces them afterwards.
    }

    /** Renames the column where it stands, and in every key, index and foreign key that lists it. */
    private renameColumn(before: Column, after: Column): void {
        if (!this.columns.read.has(memberKey(before))) throw new InvalidOpError(`column ${memberKey(before)} does not exist`);
        if (this.columns.read.has(memberKey(after))) throw new InvalidOpError(`column ${memberKey(after)} already exists`);
        const k = memberKey(before);
        rekey(
            this.columns.write,
            (c) => memberKey(c) === k,
            () => after,
            memberKey,
        );
        const rename = (names: readonly string[]) => names.map((n) => (n === before.name ? after.name : n));
        const on = (entry: TableRef) => sameTable(entry, before);
        rekey(this.primaryKeys.write, on, (pk) => ({ ...pk, columns: rename(pk.columns) }), memberKey);
        rekey(this.indexes.write, on, (index) => ({ ...index, columns: rename(index.columns) }), memberKey);
        rekey(this.uniques.write, on, (unique) => ({ ...unique, columns: rename(unique.columns) }), memberKey);
        rekey(this.foreignKeys.write, on, (fk) => ({ ...fk, columns: rename(fk.columns) }), memberKey);
        rekey(
            this.foreignKeys.write,
            (fk) => fk.referencedSchema === before.schema && fk.referencedTable === before.table,
            (fk) => ({ ...fk, referencedColumns: rename(fk.referencedColumns) }),
            memberKey,
        );
    }

    private assertNothingLeftOn(ref: TableRef): void {
        const left = [
            ...[...this.columns.read.values()].filter((c) => sameTable(c, ref)).map((c) => `column ${c.name}`),
            ...[...this.indexes.read.values()].filter((i) => sameTable(i, ref)).map((i) => `index ${i.name}`),
            ...[...this.foreignKeys.read.values()].filter((f) => sameTable(f, ref)).map((f) => `foreign key ${f.name}`),
            ...[...this.exclusions.read.values()].filter((x) => sameTable(x, ref)).map((x) => `exclusion ${x.name}`),
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
