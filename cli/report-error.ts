import { compileErrorSummary, ExitCode, maskCredentials, TypeormMigrateError, type ExitCodeValue } from "./lib";
import { stackOf } from "./stack-trace";

/**
 * The exit status for an error: ours carry it; a TypeScript compile error that crossed the ES module
 * hooks' thread (only its message survives) and yargs' own usage errors are bad input; anything else
 * is a runtime failure.
 */
export function exitCodeFor(error: unknown): ExitCodeValue {
    if (error instanceof TypeormMigrateError) return error.exitCode;
    if (compileErrorSummary(error) !== null || isYargsUsageError(error)) return ExitCode.badInput;
    return ExitCode.failure;
}

/** yargs does not export its error class; its name is the one thing it documents. */
function isYargsUsageError(error: unknown): boolean {
    return error instanceof Error && error.name === "YError";
}

/**
 * An error with what the CLI knows around it added to its line: which bind it happened on, which
 * binds a run had done. The error itself stays as it was, as `cause`; its exit code, hint and
 * stack are the ones reported.
 *
 * @example
 * new ErrorInContext(error, { before: `bind "analytics": ` }).message // 'bind "analytics": cannot connect to the database: ...'
 */
export class ErrorInContext extends TypeormMigrateError {
    override readonly name = "ErrorInContext";
    override readonly exitCode: ExitCodeValue;
    override readonly cause: unknown;

    constructor(cause: unknown, context: { readonly before?: string; readonly after?: string }) {
        super(`${context.before ?? ""}${lineOf(cause)}${context.after ?? ""}`, cause instanceof TypeormMigrateError ? cause.hint : undefined);
        this.cause = cause;
        this.exitCode = exitCodeFor(cause);
    }
}

/** The error's line, without its hint: a compile error's first diagnostic, else the message's first line. */
function lineOf(error: unknown): string {
    const compileError = compileErrorSummary(error);
    if (compileError !== null) return `cannot compile TypeScript: ${compileError.split("\n")[0]}`;
    return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

/** The error's line and its hint, as reported; the hint names the flags that get past a refusal, which the library's message does not. */
export function errorLine(error: unknown): string {
    const hint = error instanceof TypeormMigrateError && error.hint ? `; ${error.hint}` : "";
    return maskCredentials(`${lineOf(error)}${hint}`);
}

/** One clear line; the stack only with --verbose. A connection URL's password never shows (drivers quote URLs). */
export function reportError(error: unknown, verbose: boolean): ExitCodeValue {
    process.stderr.write(`typeorm-migrate: error: ${errorLine(error)}\n`);
    const thrown = error instanceof ErrorInContext ? originalOf(error) : error;
    if (verbose && thrown instanceof Error) process.stderr.write(maskCredentials(`${stackOf(thrown)}\n`));
    return exitCodeFor(error);
}

function originalOf(error: ErrorInContext): unknown {
    return error.cause instanceof ErrorInContext ? originalOf(error.cause) : error.cause;
}
