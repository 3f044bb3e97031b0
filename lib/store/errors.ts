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
