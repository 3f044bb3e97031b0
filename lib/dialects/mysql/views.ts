import type { View } from "../../schema/model";
import type { Statement } from "../dialect";
import { UnsupportedMysqlSchemaError } from "./errors";
import { quoteIdentifier } from "./quote";

/** The expression is the view entity's SQL, as TypeORM writes it. */
export function emitCreateView(view: View): Statement[] {
    if (view.materialized) throw new UnsupportedMysqlSchemaError(`${view.name}: MySQL has no materialized views`);
    return [{ sql: `CREATE VIEW ${quoteIdentifier(view.name)} AS ${view.expression}` }];
}

export function emitDropView(view: View): Statement[] {
    return [{ sql: `DROP VIEW ${quoteIdentifier(view.name)}` }];
}
