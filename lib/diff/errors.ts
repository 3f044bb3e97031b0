import { BadInputError, TypeormMigrateError } from "../errors";
/** An op that does not fit the schema it is applied to (creates what exists, drops what does not). */
export class InvalidOpError extends BadInputError {
    override readonly name = "InvalidOpError";
}

/** An op whose inverse cannot be computed; the migration's `down` says so instead of guessing. */
export class IrreversibleOpError extends TypeormMigrateError {
    override readonly name = "IrreversibleOpError";
}
