import { BadInputError } from "../errors";

/** A bind's `targets` cannot be listed: an unset variable, a module that returns no list, a pattern the dialect cannot serve. */
export class TargetsError extends BadInputError {
    override readonly name = "TargetsError";
}
