import { BadInputError, TypeormMigrateError } from "../errors";
import type { DirtyMigration, JournalEntry } from "./dirty-state";
import { isReadOnlyStatement } from "./read-only";
import { oneLine } from "./statement-tracker";

/**
 * The runner refuses to start: nothing was run. The CLI exits 2 and prints `hint`, which may name
 * its flags (the message does not).
 */
export class RunRefusedError extends BadInputError {
    override readonly name: string = "RunRefusedError";
}

/**
 * A previous run stopped part way through a migration that had no transaction: the database holds
 * some of its statements. Nothing runs until a resumed run or `stamp` settles it.
 */
export class DirtyBindError extends RunRefusedError {
    override readonly name = "DirtyBindError";
    constructor(readonly dirty: DirtyMigration) {
        super(`the database is dirty: ${describeDirty(dirty)}`, `${resumeHint(dirty.stoppedAt)}, or repair the database and run \`stamp <revision>\``);
    }
}

function resumeHint(stop: JournalEntry | null): string {
    if (stop?.state === "failed") return "fix the migration and run with --resume";
    if (stop === null || isReadOnlyStatement(stop.statement)) return "run with --resume to finish it";
    return "check whether that statement applied, then run with --resume --in-doubt applied|not-applied";
}

/** One line on where a dirty bind's migration stopped (`withName`: its class name after the revision). */
export function describeDirty(dirty: DirtyMigration, withName = true): string {
    const what = `${dirty.direction === "up" ? "upgrade" : "downgrade"} of ${dirty.revision}${withName ? ` (${dirty.name})` : ""}`;
    return `${what} ${describeStop(dirty.stoppedAt)} after ${dirty.applied.length} statement(s)`;
}

function describeStop(stop: JournalEntry | null): string {
    if (stop === null) return "stopped";
    if (stop.state === "failed") return `failed at ${oneLine(stop.statement)}`;
    return isReadOnlyStatement(stop.statement)
        ? `was cut off during ${oneLine(stop.statement)} (a read)`
        : `was cut off during ${oneLine(stop.statement)}, which may or may not have applied,`;
}

/** A resume on a database that is not dirty, or in the other direction than the stopped run. */
export class NothingToResumeError extends RunRefusedError {
    override readonly name = "NothingToResumeError";
}

/**
 * A resumed run would start at a write that a previous run sent and never heard back about: only
 * the database can tell whether it applied, so the user says which.
 */
export class InDoubtStatementError extends RunRefusedError {
    override readonly name = "InDoubtStatementError";
    constructor(
        readonly dirty: DirtyMigration,
        readonly statement: string,
    ) {
        super(
            `cannot resume ${dirty.revision} (${dirty.name}) on its own: the previous run was cut off during ${oneLine(statement)}, which may or may not have applied; nothing was run`,
            "check the database, then rerun with --resume --in-doubt applied (it did: skip it) or --in-doubt not-applied (it did not: run it)",
        );
    }
}

/**
 * A migration this tool applied (its row carries a checksum) whose file is no longer in the
 * folder: reverting around it would leave the database unlike any revision.
 */
export class MissingRevisionFileError extends RunRefusedError {
    override readonly name = "MissingRevisionFileError";
    constructor(readonly names: readonly string[]) {
        super(
            `${names.join(", ")} ${names.length === 1 ? "is" : "are"} recorded as applied by this tool but no file in the migrations folder has ${names.length === 1 ? "that class" : "those classes"}; nothing was reverted`,
            "restore the file(s), or record where the database stands with `stamp <revision> --purge`",
        );
    }
}

/**
 * The connection dropped while a migration without a transaction ran (the server killed the
 * session, the network failed): the statement under way may or may not have applied.
 */
export class ConnectionLostError extends TypeormMigrateError {
    override readonly name = "ConnectionLostError";
}

/** A transaction mode the run's migrations cannot honour. */
export class TransactionModeError extends TypeormMigrateError {
    override readonly name = "TransactionModeError";
}

/** Another deployer held the migration lock longer than `--lock-timeout`. */
export class LockTimeoutError extends TypeormMigrateError {
    override readonly name = "LockTimeoutError";
}
