/** The schema asks for something SQLite cannot express (AUTOINCREMENT on a composite primary key, ...). */
export class UnsupportedSqliteSchemaError extends Error {
    override readonly name = "UnsupportedSqliteSchemaError";
}
