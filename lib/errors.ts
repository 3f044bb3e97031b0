/** Exit codes of every command; each error of the library carries the one the CLI exits with. */
export const ExitCode = {
    ok: 0,
    /** Differences found (`check`). */
    differences: 1,
    /** Bad input: usage, unknown revision or file, multiple heads, a refusal before anything ran. */
    badInput: 2,
    /** Runtime failure: a migration failed, the database is unreachable. */
    failure: 3,
    /** Stopped by Ctrl-C (SIGINT) before every migration ran: 128 + 2, as shells report it. */
    interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Base of every error this tool throws on purpose. `exitCode` is the CLI's exit status for it (a
 * runtime failure unless a subclass says the input is wrong); `hint` is what to do next, and may name
 * the CLI's flags, which the message itself never does. The CLI prints `message; hint`.
 */
export class TypeormMigrateError extends Error {
    override readonly name: string = "TypeormMigrateError";
    readonly exitCode: ExitCodeValue = ExitCode.failure;
    constructor(
        message: string,
        readonly hint?: string,
    ) {
        super(message);
    }
}

/** The user's input is wrong (a file, an option, a revision, the entities): exit 2, nothing was changed. */
export class BadInputError extends TypeormMigrateError {
    override readonly name: string = "BadInputError";
    override readonly exitCode: ExitCodeValue = ExitCode.badInput;
}
