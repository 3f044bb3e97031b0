import { BadInputError } from "../errors";
/** A user file (data source, migration) that cannot be found or does not export what it should. */
export class UserFileError extends BadInputError {
    override readonly name = "UserFileError";

    /**
     * This error, caused by `cause` (an error the user's code threw): its stack, shown by `--verbose`,
     * goes on with the cause's, which names the user's file and line.
     */
    causedBy(cause: unknown): this {
        this.cause = cause;
        if (cause instanceof Error && cause.stack !== undefined) this.stack = `${this.stack ?? this.message}\nCaused by: ${cause.stack}`;
        return this;
    }
}
