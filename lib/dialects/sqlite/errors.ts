import { BadInputError } from "../../errors";
/** The schema asks for something SQLite cannot express (AUTOINCREMENT on a composite primary key, ...). */
export class UnsupportedSqliteSchemaError extends BadInputError {
    override readonly name = "UnsupportedSqliteSchemaError";
}
