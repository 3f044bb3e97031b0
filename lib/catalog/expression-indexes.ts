import { BadInputError } from "../errors";
import type { IntrospectContext } from "./introspect-context";

/** An index the reader found over an expression rather than over columns. */
export interface ExpressionIndex {
    readonly schema: string;
    readonly table: string;
    readonly name: string;
    /** The indexed expressions as the catalog prints them, e.g. `SUBSTRING(name FROM 1 FOR 255)`. */
    readonly expression: string;
}

/**
 * An index over expressions the reader cannot keep (`Index.expression`) would be written back
 * wrong, so reading one is refused, unless its table is left out (`IntrospectOptions.include`):
 * MySQL 8's functional key parts, and a PostgreSQL definition without a key list to take.
 */
export class ExpressionIndexError extends BadInputError {
    override readonly name = "ExpressionIndexError";
}

/** Throws ExpressionIndexError for the first expression index on a table the options include; `why` ends its message. */
export function refuseExpressionIndexes(ctx: IntrospectContext, found: readonly ExpressionIndex[], why: string): void {
    const include = ctx.options.include;
    const refused = found.filter((index) => include === undefined || include({ kind: "table", schema: index.schema, name: index.table }));
    if (refused.length === 0) return;
    const [first] = refused;
    const table = first.schema === "" ? first.table : `${first.schema}.${first.table}`;
    const more = refused.length > 1 ? ` (and ${refused.length - 1} more expression index(es))` : "";
    throw new ExpressionIndexError(
        `index ${first.name} on ${table} is over the expression ${first.expression}: ${why}${more}`,
        `leave the table out with --exclude ${first.table} (or the bind's exclude), or drop the index`,
    );
}
