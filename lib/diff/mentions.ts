/**
 * Whether SQL text (a CHECK, an index predicate, a computed column's expression) names a column,
 * bare or quoted, in any letter case. It may see a mention where there is none (inside a string
 * literal, say); that only costs dropping and re-adding an object that would have survived.
 *
 * @example
 * mentions(`"price" >= 0`, "price"); // true
 * mentions(`"priceCents" >= 0`, "price"); // false
 */
export function mentions(sql: string | null, column: string): boolean {
    if (sql === null || column === "") return false;
    const text = sql.toLowerCase();
    return [column, column.replaceAll('"', '""')].some((name) => occursAsWord(text, name.toLowerCase()));
}

const wordCharacter = /[\p{L}\p{N}_$]/u;

function occursAsWord(text: string, name: string): boolean {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
        const before = at === 0 ? "" : text[at - 1];
        const after = text[at + name.length] ?? "";
        const boundedBefore = before === "" || !wordCharacter.test(before) || !wordCharacter.test(name[0]);
        const boundedAfter = after === "" || !wordCharacter.test(after) || !wordCharacter.test(name[name.length - 1]);
        if (boundedBefore && boundedAfter) return true;
    }
    return false;
}
