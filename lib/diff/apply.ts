import type { Column, Schema, TableRef } from "../schema/model";
import { memberKey, metadataRowKey, namedKey, sameTable, tableKey } from "../schema/keys";
import { canonicalize } from "../schema/canonical";
import { InvalidOpError } from "./errors";
import { dispatchOp, type Op, type OpTable } from "./ops";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Applies one op to a schema, returning the new schema. Pure and strict: creating what exists or
 * dropping what does not throws `InvalidOpError`, so an op list in the wrong order is caught.
 *
 * @example
 * const next = applyOp(schema, { kind: "createExtension", extension: "uuid-ossp", reasons: [], risk: "safe" });
 */
export function applyOp(schema: Schema, op: Op): Schema {
    const next: Mutable<Schema> = { ...schema };
    dispatchOp(appliers(next), op);
    return canonicalize(next);
}

/** Applies ops in order. */
export function applyOps(schema: Schema, ops: readonly Op[]): Schema {
    return ops.reduce(applyOp, schema);
}

/** Every intermediate state: `states[i]` is the schema before `ops[i]`, the last one after all. */
export function applyOpsWithStates(schema: Schema, ops: readonly Op[]): Schema[] {
    const states = [schema];
    for (const op of ops) states.push(applyOp(states[states.length - 1], op));
    return states;
}

function appliers(s: Mutable<Schema>): OpTable<void> {
    return {
        createSchema: (op) => { s.schemas = addValue(s.schemas, op.schema, "schema"); },
        dropSchema: (op) => { s.schemas = removeValue(s.schemas, op.schema, "schema"); },
        createExtension: (op) => { s.extensions = addValue(s.extensions, op.extension, "extension"); },
        dropExtension: (op) => { s.extensions = removeValue(s.extensions, op.extension, "extension"); },
        createEnum: (op) => { s.enums = add(s.enums, op.enumType, namedKey, "enum type"); },
        dropEnum: (op) => { s.enums = remove(s.enums, op.enumType, namedKey, "enum type"); },
        alterEnum: (op) => { s.enums = replace(s.enums, op.before, op.after, namedKey, "enum type"); },
        createTable: ({ definition: d }) => {
            s.tables = add(s.tables, d.table, tableKey, "table");
            s.columns = [...s.columns, ...d.columns];
            if (d.primaryKey) s.primaryKeys = add(s.primaryKeys, d.primaryKey, memberKey, "primary key");
            for (const unique of d.uniques) s.uniques = add(s.uniques, unique, memberKey, "unique");
            for (const check of d.checks) s.checks = add(s.checks, check, memberKey, "check");
        },
        dropTable: ({ definition: d }) => {
            const ref = d.table;
            for (const column of d.columns) s.columns = remove(s.columns, column, memberKey, "column");
            if (d.primaryKey) s.primaryKeys = remove(s.primaryKeys, d.primaryKey, memberKey, "primary key");
            for (const unique of d.uniques) s.uniques = remove(s.uniques, unique, memberKey, "unique");
            for (const check of d.checks) s.checks = remove(s.checks, check, memberKey, "check");
            assertNothingLeftOn(s, ref);
            s.tables = remove(s.tables, ref, tableKey, "table");
        },
        setTableComment: (op) => { s.tables = replace(s.tables, op.before, op.after, tableKey, "table"); },
        addColumn: (op) => {
            requireTable(s, op.column);
            s.columns = add(s.columns, op.column, memberKey, "column");
        },
        dropColumn: (op) => { s.columns = remove(s.columns, op.column, memberKey, "column"); },
        alterColumn: (op) => { s.columns = replace(s.columns, op.before, op.after, memberKey, "column"); },
        addPrimaryKey: (op) => { s.primaryKeys = add(s.primaryKeys, op.primaryKey, memberKey, "primary key"); },
        dropPrimaryKey: (op) => { s.primaryKeys = remove(s.primaryKeys, op.primaryKey, memberKey, "primary key"); },
        createIndex: (op) => { s.indexes = add(s.indexes, op.index, memberKey, "index"); },
        dropIndex: (op) => { s.indexes = remove(s.indexes, op.index, memberKey, "index"); },
        addUnique: (op) => { s.uniques = add(s.uniques, op.unique, memberKey, "unique"); },
        dropUnique: (op) => { s.uniques = remove(s.uniques, op.unique, memberKey, "unique"); },
        addForeignKey: (op) => { s.foreignKeys = add(s.foreignKeys, op.foreignKey, memberKey, "foreign key"); },
        dropForeignKey: (op) => { s.foreignKeys = remove(s.foreignKeys, op.foreignKey, memberKey, "foreign key"); },
        addCheck: (op) => { s.checks = add(s.checks, op.check, memberKey, "check"); },
        dropCheck: (op) => { s.checks = remove(s.checks, op.check, memberKey, "check"); },
        createView: (op) => { s.views = add(s.views, op.view, namedKey, "view"); },
        dropView: (op) => { s.views = remove(s.views, op.view, namedKey, "view"); },
        insertMetadataRow: (op) => { s.metadataRows = add(s.metadataRows, op.row, metadataRowKey, "typeorm_metadata row"); },
        deleteMetadataRow: (op) => { s.metadataRows = remove(s.metadataRows, op.row, metadataRowKey, "typeorm_metadata row"); },
    };
}

function requireTable(s: Schema, ref: TableRef): void {
    if (!s.tables.some((t) => sameTable(t, ref))) throw new InvalidOpError(`table ${tableKey(ref)} does not exist`);
}

function assertNothingLeftOn(s: Schema, ref: TableRef): void {
    const left = [
        ...s.columns.filter((c: Column) => sameTable(c, ref)).map((c) => `column ${c.name}`),
        ...s.indexes.filter((i) => sameTable(i, ref)).map((i) => `index ${i.name}`),
        ...s.foreignKeys.filter((f) => sameTable(f, ref)).map((f) => `foreign key ${f.name}`),
    ];
    if (left.length > 0) throw new InvalidOpError(`dropping table ${tableKey(ref)} would leave ${left.join(", ")}`);
}

function add<T>(list: readonly T[], item: T, key: (t: T) => string, what: string): T[] {
    const k = key(item);
    if (list.some((x) => key(x) === k)) throw new InvalidOpError(`${what} ${k} already exists`);
    return [...list, item];
}

function remove<T, R>(list: readonly T[], item: R, key: (t: T | R) => string, what: string): T[] {
    const k = key(item);
    const kept = list.filter((x) => key(x) !== k);
    if (kept.length === list.length) throw new InvalidOpError(`${what} ${k} does not exist`);
    return kept;
}

function replace<T>(list: readonly T[], before: T, after: T, key: (t: T) => string, what: string): T[] {
    const k = key(before);
    const at = list.findIndex((x) => key(x) === k);
    if (at < 0) throw new InvalidOpError(`${what} ${k} does not exist`);
    const next = [...list];
    next[at] = after;
    return next;
}

function addValue(list: readonly string[], value: string, what: string): string[] {
    return add(list, value, (v) => v, what);
}

function removeValue(list: readonly string[], value: string, what: string): string[] {
    return remove(list, value, (v) => v, what);
}
