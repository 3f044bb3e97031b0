import { BadInputError } from "../../errors";
/**
 * The schema asks for something the MySQL dialect cannot write: an object MySQL does not have
 * (enum types, schemas, extensions, exclusion constraints, arrays, materialized views), or a type
 * name, length or option that is not plain SQL.
 */
export class UnsupportedMysqlSchemaError extends BadInputError {
    override readonly name = "UnsupportedMysqlSchemaError";
}
