import { BadInputError } from "../errors";
/** The entities declare something the schema model cannot hold yet; names the entity and column. */
export class UnsupportedMetadataError extends BadInputError {
    override readonly name = "UnsupportedMetadataError";
}

/** Two declarations that must agree do not (a shared enum type with different values). */
export class ConflictingMetadataError extends BadInputError {
    override readonly name = "ConflictingMetadataError";
}

/**
 * A name the database would not keep as the entities give it, where TypeORM's synchronize() has
 * no defined result either (MySQL refuses it; on PostgreSQL two names become one when cut).
 * Reported like the other metadata errors (bad input).
 */
export class IdentifierLimitError extends UnsupportedMetadataError {}
