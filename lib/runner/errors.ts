import type { DirtyMigration } from "./dirty-state";
import { oneLine } from "./statement-tracker";

/**
 * A previous run failed part way through a migration that had no transaction: the database holds
 * some of its statements. Nothing runs until `upgrade --resume` or `stamp` settles it.
 */
export class DirtyBindError extends Error {
    override readonly name = "DirtyBindError";
    constructor(readonly dirty: DirtyMigration) {
        super(
            `the database is dirty: ${dirty.direction === "up" ? "upgrade" : "downgrade"} of ${dirty.revision} (${dirty.name}) failed at ${oneLine(dirty.failedStatement)}` +
            ` after ${dirty.applied.length} applied statement(s); fix the migration and run with --resume, or repair the database and run \`stamp <revision>\``,
        );
    }
}

/** `--resume` on a database that is not dirty, or in the other direction than the failed run. */
export class NothingToResumeError extends Error {
    override readonly name = "NothingToResumeError";
}

/** A transaction mode the run's migrations cannot honour. */
export class TransactionModeError extends Error {
    override readonly name = "TransactionModeError";
}

/** Another deployer held the migration lock longer than `--lock-timeout`. */
export class LockTimeoutError extends Error {
    override readonly name = "LockTimeoutError";
}
