/** An index definition split where its key list is. */
export interface IndexDefinitionParts {
    /** Inside the parentheses after the method: `lower((name)::text), id DESC`. */
    readonly keyList: string;
    /** What follows them: `""`, ` WHERE (...)`, ` INCLUDE (...)`, ` NULLS NOT DISTINCT`, ` WITH (...)`. */
    readonly rest: string;
}

/**
 * The key list of `pg_get_indexdef`'s `CREATE INDEX ... USING method (<key list>) [INCLUDE ...]
 * [NULLS NOT DISTINCT] [WITH ...] [WHERE ...]`, and what follows it: the parentheses after the
 * method are matched (a predicate or an expression has parentheses of its own), outside string
 * literals and quoted names. Null when the definition has no such list.
 *
 * @example
 * indexDefinitionParts(`CREATE INDEX i ON public.t USING btree (lower((name)::text)) WHERE (id > 0)`)
 * // { keyList: "lower((name)::text)", rest: " WHERE (id > 0)" }
 */
export function indexDefinitionParts(definition: string): IndexDefinitionParts | null {
    const using = /\sUSING\s+\w+\s+\(/.exec(definition);
    if (using === null) return null;
    const open = using.index + using[0].length - 1;
    const close = closingParenthesis(definition, open);
    return close === null ? null : { keyList: definition.slice(open + 1, close), rest: definition.slice(close + 1) };
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
