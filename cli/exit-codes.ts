/** Exit codes of every command. */
export const ExitCode = {
    ok: 0,
    /** Differences found (`check`). */
    differences: 1,
    /** Bad input: usage, unknown revision or file, multiple heads. */
    badInput: 2,
    /** Runtime failure: a migration failed, the database is unreachable. */
    failure: 3,
    /** Stopped by Ctrl-C (SIGINT) before every migration ran: 128 + 2, as shells report it. */
    interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI reports as one line with a chosen exit code. */
export class CliError extends Error {
    override readonly name = "CliError";
    constructor(
        message: string,
        readonly exitCode: ExitCodeValue,
    ) {
        super(message);
    }
}
