import { BadInputError } from "../errors";
/** Base of the revision graph's errors; the CLI maps them to exit code 2. */
export class RevisionError extends BadInputError {
    override readonly name: string = "RevisionError";
}

export class MultipleHeadsError extends RevisionError {
    override readonly name = "MultipleHeadsError";
    constructor(readonly heads: readonly string[]) {
        super(`multiple heads: ${heads.join(", ")}`, 'run `typeorm-migrate merge -m "<message>"` (or `upgrade heads` to apply every branch)');
    }
}

export class UnknownRevisionError extends RevisionError {
    override readonly name = "UnknownRevisionError";
    constructor(readonly target: string) {
        super(`unknown revision "${target}"`);
    }
}

export class AmbiguousRevisionError extends RevisionError {
    override readonly name = "AmbiguousRevisionError";
    constructor(
        readonly target: string,
        readonly matches: readonly string[],
    ) {
        super(`revision prefix "${target}" matches ${matches.join(", ")}`);
    }
}

export class MissingParentError extends RevisionError {
    override readonly name = "MissingParentError";
    constructor(
        readonly revision: string,
        readonly parent: string,
    ) {
        super(`revision ${revision} names parent ${parent}, which is not in the migrations folder`);
    }
}

export class DuplicateRevisionError extends RevisionError {
    override readonly name = "DuplicateRevisionError";
    constructor(
        readonly revision: string,
        readonly files: readonly string[],
    ) {
        super(`revision ${revision} appears in ${files.join(" and ")}`);
    }
}

/** Parents that lead back to where they started; `cycle` runs child → parent → … → the child again. */
export class RevisionCycleError extends RevisionError {
    override readonly name = "RevisionCycleError";
    constructor(readonly cycle: readonly string[]) {
        super(`revisions form a cycle: ${cycle.join(" → ")}`);
    }
}

export class SelfParentError extends RevisionError {
    override readonly name = "SelfParentError";
    constructor(
        readonly revision: string,
        readonly file: string,
    ) {
        super(`revision ${revision} names itself as its parent (${file})`);
    }
}

/** A relative target (`+2`, `-1`, `<rev>+1`) that the graph cannot follow unambiguously. */
export class RelativeTargetError extends RevisionError {
    override readonly name = "RelativeTargetError";
}

/** A range (`<from>:<to>`) whose ends are not on one line of descent. */
export class InvalidRangeError extends RevisionError {
    override readonly name = "InvalidRangeError";
}

/** Revisions that share no single nearest ancestor (criss-crossed merges). */
export class NoCommonAncestorError extends RevisionError {
    override readonly name = "NoCommonAncestorError";
}

/** A revision whose parent was squashed away from under it (a branch off the middle of a squashed range). */
export class SquashedParentError extends RevisionError {
    override readonly name = "SquashedParentError";
    constructor(
        readonly revision: string,
        readonly parent: string,
        readonly squash: string,
    ) {
        super(
            `revision ${revision} has parent ${parent}, which squash ${squash} replaces and does not end with; only a child of the range's last revision carries over`,
            `point ${revision}'s parent at ${squash} (header and .json), or regenerate it on the head`,
        );
    }
}

/** A database part-way through a squashed range whose old migration files are gone. */
export class SquashedRangeGoneError extends RevisionError {
    override readonly name = "SquashedRangeGoneError";
    constructor(
        readonly at: readonly string[],
        readonly squash: string,
    ) {
        super(
            `the database is at ${at.join(", ")}, part-way through the revisions squash ${squash} replaces, and their migration files are gone`,
            "upgrade it with the release that still has those files, then with this one",
        );
    }
}

/** A target the database cannot reach any more: the revision was squashed and the database is past its range's start. */
export class ReplacedRevisionError extends RevisionError {
    override readonly name = "ReplacedRevisionError";
    constructor(
        readonly revision: string,
        readonly squash: string,
    ) {
        super(`revision ${revision} is replaced by squash ${squash}; as this database runs ${squash}, name ${squash} or a revision outside its range`);
    }
}

/** `squash` refused: a range it cannot replace with one revision. */
export class SquashRangeError extends RevisionError {
    override readonly name = "SquashRangeError";
}
