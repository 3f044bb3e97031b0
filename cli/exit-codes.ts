import { ExitCode, TypeormMigrateError, type ExitCodeValue } from "./lib";

export { ExitCode, type ExitCodeValue };

/** An error the CLI reports as one line with a chosen exit code (and, after the message, a hint). */
export class CliError extends TypeormMigrateError {
    override readonly name = "CliError";
    override readonly exitCode: ExitCodeValue;
    constructor(message: string, exitCode: ExitCodeValue, hint?: string) {
        super(message, hint);
        this.exitCode = exitCode;
    }
}
