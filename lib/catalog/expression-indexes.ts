import { BadInputError } from "../errors";
import type { IntrospectContext } from "./introspect-context";

/** An index the reader found and cannot keep in the model, with why. */
export interface UnkeptIndex {
    readonly schema: string;
    readonly table: string;
    readonly name: string;
    /** How the catalog prints the index, or its key list, e.g. `SUBSTRING(name FROM 1 FOR 255)`. */
    readonly definition: string;
    /** What the model cannot hold of it: `MySQL's functional key parts are not read yet`. */
    readonly why: string;
}

/**
 * An index the model cannot hold (`Index` has columns, prefix lengths and a key list over
 * expressions, not INCLUDE columns or storage parameters) would be written back as another index,
 * so reading one is refused, unless its table is left out (`IntrospectOptions.include`).
 */
export class ExpressionIndexError extends BadInputError {
    override readonly name = "ExpressionIndexError";
}

/** Throws ExpressionIndexError for the first such index on a table the options include. */
export function refuseUnkeptIndexes(ctx: IntrospectContext, found: readonly UnkeptIndex[]): void {
    const include = ctx.options.include;
    const refused = found.filter((index) => include === undefined || include({ kind: "table", schema: index.schema, name: index.table }));
    if (refused.length === 0) return;
    const [first] = refused;
    const table = first.schema === "" ? first.table : `${first.schema}.${first.table}`;
    const more = refused.length > 1 ? ` (and ${refused.length - 1} more such index(es))` : "";
    throw new ExpressionIndexError(
        `index ${first.name} on ${table} (${first.definition}) cannot be kept: ${first.why}${more}`,
        `leave the table out with --exclude ${first.table} (or the bind's exclude), or drop the index`,
    );
}
