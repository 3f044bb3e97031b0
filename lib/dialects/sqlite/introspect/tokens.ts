import { IntrospectionError } from "../../../catalog/errors";

/** A token of SQLite's SQL: a word, a quoted identifier, a string literal, or punctuation. */
export interface Token {
    readonly kind: "word" | "identifier" | "string" | "punct";
    /** The identifier or string unquoted; the word or punctuation as written. */
    readonly value: string;
    /** Where the token starts and ends in the source text. */
    readonly start: number;
    readonly end: number;
}

const CLOSERS: Readonly<Record<string, string>> = { '"': '"', "`": "`", "[": "]", "'": "'" };

/** Splits SQL into tokens; comments and whitespace are dropped. */
export function tokenize(sql: string): Token[] {
    const tokens: Token[] = [];
    let at = 0;
    while (at < sql.length) {
        const char = sql[at];
        if (/\s/.test(char)) {
            at++;
            continue;
        }
        if (sql.startsWith("--", at)) {
            const end = sql.indexOf("\n", at);
            at = end < 0 ? sql.length : end;
            continue;
        }
        if (sql.startsWith("/*", at)) {
            const end = sql.indexOf("*/", at + 2);
            at = end < 0 ? sql.length : end + 2;
            continue;
        }
        const closer = CLOSERS[char];
        if (closer !== undefined) {
            const { value, end } = quoted(sql, at, closer);
            tokens.push({ kind: char === "'" ? "string" : "identifier", value, start: at, end });
            at = end;
            continue;
        }
        const word = /^[A-Za-z0-9_$.\u0080-\uffff]+/.exec(sql.slice(at));
        if (word !== null) {
            tokens.push({ kind: "word", value: word[0], start: at, end: at + word[0].length });
            at += word[0].length;
            continue;
        }
        tokens.push({ kind: "punct", value: char, start: at, end: at + 1 });
        at++;
    }
    return tokens;
}

/** A quoted run; the closing quote doubled stands for itself (`]` cannot be escaped). */
function quoted(sql: string, start: number, closer: string): { value: string; end: number } {
    let value = "";
    let at = start + 1;
    while (at < sql.length) {
        if (sql[at] === closer) {
            if (closer !== "]" && sql[at + 1] === closer) {
                value += closer;
                at += 2;
                continue;
            }
            return { value, end: at + 1 };
        }
        value += sql[at++];
    }
    throw new IntrospectionError(`unterminated quote in: ${sql}`);
}

/** Index of the `)` that closes the `(` at `open`. */
export function closingParen(tokens: readonly Token[], open: number): number {
    let depth = 0;
    for (let i = open; i < tokens.length; i++) {
        if (tokens[i].kind !== "punct") continue;
        if (tokens[i].value === "(") depth++;
        if (tokens[i].value === ")" && --depth === 0) return i;
    }
    throw new IntrospectionError("unbalanced parentheses");
}

/** Splits tokens at commas outside parentheses. */
export function splitAtCommas(tokens: readonly Token[]): Token[][] {
    const parts: Token[][] = [[]];
    let depth = 0;
    for (const token of tokens) {
        if (token.kind === "punct" && token.value === "(") depth++;
        if (token.kind === "punct" && token.value === ")") depth--;
        if (depth === 0 && token.kind === "punct" && token.value === ",") parts.push([]);
        else parts[parts.length - 1].push(token);
    }
    return parts.filter((part) => part.length > 0);
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
    return token !== undefined && token.kind === "word" && words.includes(token.value.toUpperCase());
}

export function isPunct(token: Token | undefined, value: string): boolean {
    return token !== undefined && token.kind === "punct" && token.value === value;
}

/** The source text the tokens from `first` to `last` (inclusive) were read from. */
export function textOf(sql: string, tokens: readonly Token[], first: number, last: number): string {
    return first > last ? "" : sql.slice(tokens[first].start, tokens[last].end);
}

/** Names in a parenthesized list `("a", "b")` starting at `open`. */
export function nameList(tokens: readonly Token[], open: number): { names: string[]; close: number } {
    const close = closingParen(tokens, open);
    const names = splitAtCommas(tokens.slice(open + 1, close)).map((part) => part[0].value);
    return { names, close };
}
