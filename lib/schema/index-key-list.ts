import type { Index } from "./model";

/** How a key list spells a column's name and a prefix length: as they are, for the differ's reasons. */
export interface KeyPartWords {
    readonly column: (name: string) => string;
    readonly length: (length: number) => string;
}

const asTheyAre: KeyPartWords = { column: (name) => name, length: String };

/**
 * What an index is over: its columns, each with its prefix length if it has one, or its expression.
 *
 * @example
 * indexKeyList(index); // "name(191), id" (a reason)
 * indexKeyList(index, { column: quoteIdentifier, length: String }); // "`name`(191), `id`" (SQL)
 */
export function indexKeyList(index: Index, words: KeyPartWords = asTheyAre): string {
    if (index.expression !== undefined) return index.expression;
    return index.columns
        .map((column, at) => {
            const length = index.lengths?.[at] ?? null;
            return length === null ? words.column(column) : `${words.column(column)}(${words.length(length)})`;
        })
        .join(", ");
}
