import { WorkingSchema } from "../diff/apply";
import { dispatchOp, type Op, type OpTable } from "../diff/ops";
import type { DialectModule } from "../dialects/dialect";
import { lockClassOf, type LockClass, type LockContext } from "../dialects/locks";
import { tableKey } from "../schema/keys";
import type { Schema, TableRef } from "../schema/model";
import { renderStatements } from "./statements";

/** One op's lock, as the dialect answers it; an op on a table this migration creates blocks nothing (the table is empty). */
export interface OpLock {
    readonly op: Op;
    readonly lock: LockClass;
    readonly newTable: boolean;
}

export interface LockReportOptions {
    /** The migration is written in its lock-friendly forms (`generate --online`). */
    readonly online?: boolean;
    /**
     * The schema the ops start from (the first parent's state). With it each rule sees the table as
     * it is before its op and what the migration runs for the op: a table changed once for several
     * ops (a rebuild) is reported at the op that runs it, and a change the server does differently
     * because of the table's other members (a FULLTEXT index) gets that lock. Without it, each op
     * is answered on its own.
     */
    readonly start?: Schema;
}

/**
 * The lock each op of a migration takes, in order.
 *
 * @example
 * lockReport(postgresDialect, [createIndexOp]).map(describeLock);
 * // ["SHARE; scans the table; BLOCKS WRITES"]
 */
export function lockReport(dialect: DialectModule, ops: readonly Op[], options: LockReportOptions = {}): OpLock[] {
    const online = options.online ?? false;
    const { start } = options;
    const emitted = start === undefined ? null : renderStatements(dialect, start, ops, { online });
    const before = start === undefined ? null : statesBefore(start, ops);
    const created = new Set<string>();
    return ops.map((op, i) => {
        const table = dispatchOp(tableOf, op);
        if (op.kind === "createTable") created.add(tableKey(op.definition.table));
        // A materialized view's indexes are made right after it, before anything reads it.
        if (op.kind === "createView") created.add(tableKey({ schema: op.view.schema, table: op.view.name }));
        if (op.kind === "renameTable" && created.has(tableKey(op.before))) created.add(tableKey(op.after));
        const ctx: LockContext =
            emitted === null || before === null
                ? { online }
                : {
                      online,
                      statements: emitted[i].statements,
                      get before() {
                          return before(i);
                      },
                  };
        const lock = lockClassOf(dialect.locks, op, ctx);
        const newTable = op.kind !== "createTable" && table !== null && created.has(tableKey(table));
        return { op, lock: newTable ? { ...lock, blocking: false, advice: null } : lock, newTable };
    });
}

/** The schema before op `i`, built forward and only when a rule asks (a large migration's states are not all kept). */
function statesBefore(start: Schema, ops: readonly Op[]): (i: number) => Schema {
    let cursor = new WorkingSchema(start);
    let position = 0;
    let last: [number, Schema] | null = null;
    return (i) => {
        if (last?.[0] === i) return last[1];
        if (i < position) {
            cursor = new WorkingSchema(start);
            position = 0;
        }
        for (; position < i; position++) cursor.apply(ops[position]);
        last = [i, cursor.toSchema()];
        return last[1];
    };
}

/** The ops that make writes to their table wait for time proportional to its size. */
export function blockingOps(report: readonly OpLock[]): OpLock[] {
    return report.filter(({ lock }) => lock.blocking);
}

/** `SHARE; scans the table; BLOCKS WRITES` */
export function describeLock({ lock, newTable }: OpLock): string {
    const what = lock.rewrites ? ["rewrites the table"] : lock.scans ? ["scans the table"] : [];
    return [lock.lock, ...what, ...(newTable ? ["new table: nothing to wait for"] : lock.blocking ? ["BLOCKS WRITES"] : [])].join("; ");
}

/** The table an op locks; null for ops on no table (schemas, types, views, metadata rows). */
const tableOf: OpTable<TableRef | null> = {
    createSchema: () => null,
    dropSchema: () => null,
    createExtension: () => null,
    dropExtension: () => null,
    createEnum: () => null,
    dropEnum: () => null,
    alterEnum: () => null,
    renameEnum: () => null,
    createTable: (op) => op.definition.table,
    dropTable: (op) => op.definition.table,
    setTableComment: (op) => op.after,
    addColumn: (op) => op.column,
    dropColumn: (op) => op.column,
    alterColumn: (op) => op.after,
    addPrimaryKey: (op) => op.primaryKey,
    dropPrimaryKey: (op) => op.primaryKey,
    createIndex: (op) => op.index,
    dropIndex: (op) => op.index,
    addUnique: (op) => op.unique,
    dropUnique: (op) => op.unique,
    addForeignKey: (op) => op.foreignKey,
    dropForeignKey: (op) => op.foreignKey,
    addCheck: (op) => op.check,
    dropCheck: (op) => op.check,
    addExclusion: (op) => op.exclusion,
    dropExclusion: (op) => op.exclusion,
    createView: () => null,
    dropView: () => null,
    insertMetadataRow: () => null,
    deleteMetadataRow: () => null,
    renameTable: (op) => op.after,
    renameColumn: (op) => op.after,
    renameIndex: (op) => op.after,
    renameConstraint: (op) => op.table,
};
