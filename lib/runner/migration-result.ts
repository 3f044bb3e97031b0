/** `rolled-back`: it ran, but a later one failed inside the same transaction (`transaction: "all"`). */
export type MigrationStatus = "applied" | "reverted" | "failed" | "not-run" | "rolled-back";

/**
 * Where a failed migration leaves the database: a transaction undid it, nothing of it applied
 * (no transaction, but it failed before its first write took effect), or some of it stays applied
 * and the bind is dirty.
 */
export type FailureAftermath = "rolled-back" | "nothing-applied" | "dirty";

export interface MigrationResult {
    readonly revision: string;
    readonly name: string;
    readonly status: MigrationStatus;
    readonly error?: Error;
    readonly milliseconds: number;
    /** Set when `status` is `failed`. */
    readonly leaves?: FailureAftermath;
    /** Without a transaction, on failure: the writes that ran and stay applied, in order. */
    readonly appliedStatements?: readonly string[];
    /** The statement the database refused. */
    readonly failedStatement?: string;
    /** The statement under way when the connection was lost: it may or may not have applied. */
    readonly inDoubtStatement?: string;
}
