import { TypeormMigrateError } from "../errors";
/** The live database holds something the schema model cannot describe, or could not be read. */
export class IntrospectionError extends TypeormMigrateError {
    override readonly name = "IntrospectionError";
}
