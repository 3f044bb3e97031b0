import { maskCredentials } from "../lib/load/mask-credentials";
import { compileErrorSummary } from "../lib/load/typescript-diagnostics";
import { ExitCode, TypeormMigrateError, type ExitCodeValue } from "../lib/errors";
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

/** One clear line; the stack only with --verbose. A connection URL's password never shows (drivers quote URLs). */
export function reportError(error: unknown, verbose: boolean): ExitCodeValue {
    const compileError = compileErrorSummary(error);
    const message =
        compileError !== null
            ? `cannot compile TypeScript: ${compileError.split("\n")[0]}`
            : error instanceof Error
              ? error.message.split("\n")[0]
              : String(error);
    // The hint names the flags that get past a refusal; the library's message does not.
    const hint = error instanceof TypeormMigrateError && error.hint ? `; ${error.hint}` : "";
    process.stderr.write(maskCredentials(`typeorm-migrate: error: ${message}${hint}\n`));
    if (verbose && error instanceof Error) process.stderr.write(maskCredentials(`${stackOf(error)}\n`));
    return exitCodeFor(error);
}
