/** `"name"`, with any `"` inside doubled. */
export function quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'`, with any `'` inside doubled (SQLite has no backslash escapes). */
export function quoteLiteral(value: string): string {
    return `'${value.replaceAll("'", "''")}'`;
}

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A collation name. TypeORM writes it bare (`COLLATE NOCASE`) and the catalog keeps that text,
 * so a plain name stays bare; anything else is quoted.
 */
export function collationName(name: string): string {
    return BARE_NAME.test(name) ? name : quoteIdentifier(name);
}

export function quoteList(names: readonly string[]): string {
    return names.map(quoteIdentifier).join(", ");
}
