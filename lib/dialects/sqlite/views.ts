import type { View } from "../../schema/model";
import type { Statement } from "../dialect";
import { quoteIdentifier } from "./quote";

export function createViewStatement(view: View): Statement {
    return { sql: `CREATE VIEW ${quoteIdentifier(view.name)} AS ${view.expression}` };
}

export function dropViewStatement(view: View): Statement {
    return { sql: `DROP VIEW ${quoteIdentifier(view.name)}` };
}
