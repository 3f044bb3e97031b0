import type { Op, OpKind, OpOfKind } from "../diff/ops";
import type { Schema } from "../schema/model";
import type { Statement } from "./dialect";

/**
 * What running one op does to the application's access to its table: the lock the server takes,
 * whether it reads every row (scan) or writes the table anew (rewrite), and whether writes to the
 * table wait for time proportional to its size (`blocking`). A brief metadata lock is not blocking.
 */
export interface LockClass {
    /** The lock in the server's words: `ACCESS EXCLUSIVE`, `SHARE`, `ALGORITHM=INSTANT`, `database write lock`, `none`. */
    readonly lock: string;
    readonly scans: boolean;
    readonly rewrites: boolean;
    readonly blocking: boolean;
    /** When blocking: the online form (`generate --online`), or the steps that do the change without it (expand, backfill, contract). */
    readonly advice: string | null;
}

export interface LockContext {
    /** The migration is written in its lock-friendly forms (`generate --online`). */
    readonly online: boolean;
    /**
     * The schema just before the op, where the caller knows it (the emitters; `lockReport` given the
     * migration's start): a rule whose answer depends on the table's other members reads it, and
     * without it assumes the common case.
     */
    readonly before?: Schema;
    /**
     * What the migration runs for the op, where the caller knows it (`lockReport` given the start):
     * a dialect that changes a table once for several of its ops (SQLite) tells from it which op does.
     */
    readonly statements?: readonly Statement[];
}

export type LockRule<K extends OpKind> = (op: OpOfKind<K>, ctx: LockContext) => LockClass;

/** Exhaustive, like the emitter table: a new op kind without a lock class fails to compile. */
export type LockTable = { readonly [K in OpKind]: LockRule<K> };

export function lockClassOf(table: LockTable, op: Op, ctx: LockContext): LockClass {
    return (table[op.kind] as (op: Op, ctx: LockContext) => LockClass)(op, ctx);
}

/** A lock held only for a catalog change: the table is neither read nor written. */
export function brief(lock: string): LockClass {
    return { lock, scans: false, rewrites: false, blocking: false, advice: null };
}

/** The steps for a change no server does in place without blocking writes. */
export const expandBackfillContract =
    "no online form: do it in steps: expand (add a new column of the new shape), backfill it in batches while the application writes both, switch reads to it, contract (drop the old column)";
