/**
 * The key list of `pg_get_indexdef`'s `CREATE INDEX ... USING method (<key list>) [INCLUDE ...]
 * [WITH ...] [WHERE ...]`: what is inside the parentheses after the method, found by matching
 * them (a predicate or an expression has parentheses of its own), outside string literals and
 * quoted names. Null when the definition has no such list.
 *
 * @example
 * indexKeyList(`CREATE INDEX i ON public.t USING btree (lower((name)::text)) WHERE (id > 0)`) // "lower((name)::text)"
 */
export function indexKeyList(definition: string): string | null {
    const using = /\sUSING\s+\w+\s+\(/.exec(definition);
    if (using === null) return null;
    const open = using.index + using[0].length - 1;
    const close = closingParenthesis(definition, open);
    return close === null ? null : definition.slice(open + 1, close);
}

function closingParenthesis(text: string, open: number): number | null {
    let depth = 0;
    for (let at = open; at < text.length; at++) {
        const char = text[at];
        if (char === "'" || char === '"') {
            const end = text.indexOf(char, at + 1);
            if (end < 0) return null;
            // A doubled quote inside continues the literal; the scan resumes after the pair.
            at = end;
            continue;
        }
        if (char === "(") depth++;
        if (char === ")" && --depth === 0) return at;
    }
    return null;
}
