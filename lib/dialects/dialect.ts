import type { Op, OpKind, OpOfKind } from "../diff/ops";
import type { Dialect, MemberRef, Schema } from "../schema/model";
import type { DataCheckDialect } from "./data-check-sql";
import type { LockTable } from "./locks";
import type { DialectReading } from "./reading";
import type { DialectRuntime } from "./runtime";

/**
 * The schema states around one op of a migration, so an emitter can see the whole table
 * (SQLite rebuilds) and what the migration as a whole creates or drops.
 */
export interface EmitContext {
    /** State just before this op. */
    readonly before: Schema;
    /** State just after this op. */
    readonly after: Schema;
    /** State before the migration's first op. */
    readonly start: Schema;
    /** State after the migration's last op. */
    readonly end: Schema;
    /** The value the user gave for `column`'s rows already there (see `Backfilled`), as the column is named at this op; null if none. */
    backfillFor(column: MemberRef): string | null;
    /** Write the lock-friendly forms (`generate --online`): statements that do not stop the application's writes for long. */
    readonly online: boolean;
}

/** One SQL statement; `transactional: false` marks one that runs outside a transaction, so the migration has `transaction = false`. */
export interface Statement {
    readonly sql: string;
    readonly transactional?: false;
    /** With `transactional: false`: the server refuses it inside a transaction (else it only commits on its own, to end its lock before the next statement). */
    readonly refusedInTransaction?: true;
}

export type Emitter<K extends OpKind> = (op: OpOfKind<K>, ctx: EmitContext) => readonly Statement[];

/** Exhaustive: a missing op kind fails to compile instead of emitting nothing. */
export type EmitterTable = { readonly [K in OpKind]: Emitter<K> };

/** What the runner and renderer may branch on, as data. */
export interface Capabilities {
    /** DDL runs inside a transaction and rolls back with it. */
    readonly transactionalDdl: boolean;
    /** Most ALTERs are table rebuilds (SQLite). */
    readonly rebuildsTables: boolean;
    readonly supportsSchemas: boolean;
    readonly supportsEnumTypes: boolean;
}

/**
 * Everything the tool knows about one database: the rest of lib/ asks this object and never names a
 * dialect. `name` is the model's dialect (what a snapshot records); `variant` the server family a
 * TypeORM driver talks to (MariaDB is a variant of MySQL: one model, a few answers of its own).
 */
export interface DialectModule {
    readonly name: Dialect;
    readonly variant: DialectVariant;
    readonly capabilities: Capabilities;
    readonly emitters: EmitterTable;
    /** The lock each op takes and whether it blocks writes (exhaustive, like `emitters`). */
    readonly locks: LockTable;
    /** Quotes an identifier, escaping the quote character. */
    quoteIdentifier(name: string): string;
    /** Quotes a string literal, escaping as the server needs. */
    quoteLiteral(value: string): string;
    /** How the rows are checked before a migration that could reject or lose some of them. */
    readonly dataChecks: DataCheckDialect;
    /** Reading entities' metadata and live databases into the model. */
    readonly reading: DialectReading;
    /** Running migrations: lock, migrations table, offline SQL, scratch databases, connection URLs. */
    readonly runtime: DialectRuntime;
}

export type DialectVariant = "postgres" | "mysql" | "mariadb" | "sqlite";

export function emitOp(dialect: DialectModule, op: Op, ctx: EmitContext): readonly Statement[] {
    return (dialect.emitters[op.kind] as (op: Op, ctx: EmitContext) => readonly Statement[])(op, ctx);
}
