/** The entities declare something the schema model cannot hold yet; names the entity and column. */
export class UnsupportedMetadataError extends Error {
    override readonly name = "UnsupportedMetadataError";
}

/** Two declarations that must agree do not (a shared enum type with different values). */
export class ConflictingMetadataError extends Error {
    override readonly name = "ConflictingMetadataError";
}
