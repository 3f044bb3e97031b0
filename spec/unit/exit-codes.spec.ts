import { expect } from "chai";
import * as library from "../../lib/index";
import { BadInputError, ExitCode, TypeormMigrateError } from "../../lib/index";
import { exitCodeFor } from "../../cli/report-error";

// The exit status of every error class the library exports, as the CLI has always reported it:
// 2 where the input is wrong and nothing changed, 3 where a run failed. A class added, renamed or
// moved to another base without a line here fails the first test instead of silently becoming exit 3.
const expected: Readonly<Record<string, 2 | 3>> = {
    TypeormMigrateError: 3,
    BadInputError: 2,
    UnsupportedMetadataError: 2,
    ConflictingMetadataError: 2,
    IdentifierLimitError: 2,
    InvalidRenameError: 2,
    InvalidOpError: 2,
    IrreversibleOpError: 3,
    UnsupportedDialectError: 2,
    UnsupportedDriverError: 2,
    UserFileError: 2,
    ConfigError: 2,
    UnknownBindError: 2,
    MigrationsLayoutError: 2,
    RunRefusedError: 2,
    DirtyBindError: 2,
    NothingToResumeError: 2,
    InDoubtStatementError: 2,
    MissingRevisionFileError: 2,
    ExistingTablesError: 2,
    ConnectionLostError: 3,
    LockTimeoutError: 3,
    RevisionError: 2,
    RevisionDeltaError: 2,
    MultipleHeadsError: 2,
    UnknownRevisionError: 2,
    AmbiguousRevisionError: 2,
    MissingParentError: 2,
    DuplicateRevisionError: 2,
    RevisionCycleError: 2,
    SelfParentError: 2,
    RelativeTargetError: 2,
    ReplacedRevisionError: 2,
    SquashRangeError: 2,
    SquashedParentError: 2,
    SquashedRangeGoneError: 2,
    InvalidRangeError: 2,
    NoCommonAncestorError: 2,
    SnapshotFormatError: 2,
    MergeConflictError: 2,
    UnsupportedTypeormVersionError: 2,
    ForeignTypeormCopyError: 2,
    IntrospectionError: 3,
    OfflineSqlUnsupportedError: 3,
    ResumeMismatchError: 3,
    LockWaitError: 3,
    TargetsError: 2,
    TypeScriptCompileError: 2,
};

type ErrorClass = abstract new (...args: never[]) => Error;

function isErrorClass(value: unknown): value is ErrorClass {
    return typeof value === "function" && value.prototype instanceof Error;
}

function exportedErrorClasses(): [string, ErrorClass][] {
    return Object.entries(library).flatMap(([name, value]): [string, ErrorClass][] => (isErrorClass(value) ? [[name, value]] : []));
}

/** The code an instance of `errorClass` carries: its base decides it (the field is set by the base's initializer). */
function codeOfClass(errorClass: ErrorClass): number {
    if (errorClass === BadInputError || errorClass.prototype instanceof BadInputError) return ExitCode.badInput;
    if (errorClass === TypeormMigrateError || errorClass.prototype instanceof TypeormMigrateError) return ExitCode.failure;
    return -1;
}

describe("exit codes: every error class carries its own", () => {
    it("each exported error class extends TypeormMigrateError and has the exit code listed for it", () => {
        const actual = Object.fromEntries(exportedErrorClasses().map(([name, errorClass]) => [name, codeOfClass(errorClass)]));
        expect(actual).to.deep.equal(expected);
    });

    it("the CLI exits with the code an error carries, also for a subclass it has never heard of", () => {
        class SomeNewRefusal extends BadInputError {}
        class SomeNewFailure extends TypeormMigrateError {}
        expect(exitCodeFor(new SomeNewRefusal("no"))).to.equal(2);
        expect(exitCodeFor(new SomeNewFailure("broke"))).to.equal(3);
        expect(exitCodeFor(new library.UnknownRevisionError("abc"))).to.equal(2);
        expect(exitCodeFor(new Error("a driver's own error"))).to.equal(3);
    });
});
