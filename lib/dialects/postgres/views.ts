import type { View } from "../../schema/model";
import type { Statement } from "../dialect";
import { qualifiedName } from "./quote";

/** The expression is the view entity's SQL, as TypeORM writes it. */
export function emitCreateView(view: View): Statement[] {
    return [{ sql: `CREATE ${view.materialized ? "MATERIALIZED " : ""}VIEW ${qualifiedName(view.schema, view.name)} AS ${view.expression}` }];
}

export function emitDropView(view: View): Statement[] {
    return [{ sql: `DROP ${view.materialized ? "MATERIALIZED " : ""}VIEW ${qualifiedName(view.schema, view.name)}` }];
}
