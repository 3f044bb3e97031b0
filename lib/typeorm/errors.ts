import { BadInputError } from "../errors";
/** The TypeORM copy in use is a release this tool does not know (it knows 0.3.x and 1.x). */
export class UnsupportedTypeormVersionError extends BadInputError {
    override readonly name = "UnsupportedTypeormVersionError";
}

/** The data source was made by another TypeORM copy than the one this tool loads (npm nested a second one). */
export class ForeignTypeormCopyError extends BadInputError {
    override readonly name = "ForeignTypeormCopyError";
}
