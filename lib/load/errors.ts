/** A user file (data source, migration) that cannot be found or does not export what it should. */
export class UserFileError extends Error {
    override readonly name = "UserFileError";
}
