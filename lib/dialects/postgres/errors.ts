import { BadInputError } from "../../errors";
/**
 * The schema asks for something the PostgreSQL dialect cannot write safely: a type name or
 * length that is not plain SQL, an increment column of a non-integer type, a NUL byte in a name.
 */
export class UnsupportedPostgresSchemaError extends BadInputError {
    override readonly name = "UnsupportedPostgresSchemaError";
}
