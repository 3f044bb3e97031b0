import { maskCredentials } from "../lib/load/mask-credentials";
import { compileErrorSummary } from "../lib/load/typescript-diagnostics";
import { RevisionError } from "../lib/revisions/errors";
import { RunRefusedError } from "../lib/runner/errors";
import { CliError, ExitCode, type ExitCodeValue } from "./exit-codes";
import { stackOf } from "./stack-trace";

/** Error classes that mean the user's input is wrong (exit 2); anything else is a runtime failure (exit 3). */
const badInputErrors = new Set([
    "UserFileError",
    "UnsupportedMetadataError",
    "ConflictingMetadataError",
    "UnsupportedDialectError",
    "SnapshotFormatError",
    "InvalidOpError",
    "InvalidRenameError",
    "YError",
    "ConfigError",
    "UnknownBindError",
    "MergeConflictError",
    "UnsupportedMysqlSchemaError",
    "UnsupportedPostgresSchemaError",
    "UnsupportedSqliteSchemaError",
    // The loader's TypeScriptCompileError: a TypeScript file of the user's (an entity TypeORM loads by glob) does not compile.
    "TSError",
    // The application's TypeORM is a release we do not know, or a second copy made its DataSource.
    "UnsupportedTypeormVersionError",
    "ForeignTypeormCopyError",
]);

export function exitCodeFor(error: unknown): ExitCodeValue {
    if (error instanceof CliError) return error.exitCode;
    const name = (error as Error | undefined)?.name ?? "";
    if (badInputErrors.has(name) || error instanceof RevisionError || error instanceof RunRefusedError) return ExitCode.badInput;
    return ExitCode.failure;
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
    // A refusal's hint names the flags that get past it; the library's message does not.
    const hint = error instanceof RunRefusedError && error.hint ? `; ${error.hint}` : "";
    process.stderr.write(maskCredentials(`typeorm-migrate: error: ${message}${hint}\n`));
    if (verbose && error instanceof Error) process.stderr.write(maskCredentials(`${stackOf(error)}\n`));
    return exitCodeFor(error);
}
