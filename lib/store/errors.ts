import { BadInputError } from "../errors";
import { RevisionError } from "../revisions/errors";

/**
 * A revision's schema delta (the `.json` beside its migration) is missing or disagrees with the
 * migration's header: the folder is inconsistent, so no schema state is computed from it.
 */
export class RevisionDeltaError extends RevisionError {
    override readonly name = "RevisionDeltaError";
    constructor(
        readonly file: string,
        problem: string,
    ) {
        super(`${file}: ${problem}`);
    }
}

/** A revision's `.json` file that cannot be read as a schema delta: not JSON, a format this version does not read, or ops of the wrong shape. */
export class SnapshotFormatError extends BadInputError {
    override readonly name = "SnapshotFormatError";
}
