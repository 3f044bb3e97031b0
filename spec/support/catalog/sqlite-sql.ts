// Just enough of SQLite's grammar to read back what a CREATE TABLE statement says and
// PRAGMA table_xinfo doesn't: constraint names, CHECK expressions, COLLATE, AUTOINCREMENT.

interface Token {
    readonly text: string;
    readonly kind: "word" | "identifier" | "string" | "symbol";
}

export interface ParsedColumn {
    readonly name: string;
    readonly checks: readonly { readonly name: string | null; readonly expression: string }[];
    readonly collation: string | null;
    readonly autoincrement: boolean;
    readonly generatedAs: string | null;
}

export interface ParsedTableConstraint {
    readonly name: string | null;
    /** `PRIMARY KEY`, `UNIQUE`, `CHECK` or `FOREIGN KEY`. */
    readonly type: string;
    /** Everything after the name, normalized, e.g. `UNIQUE ("email")`. */
    readonly definition: string;
    /** For a CHECK, the expression inside its parentheses. */
    readonly checkExpression: string | null;
}

export interface ParsedCreateTable {
    readonly columns: readonly ParsedColumn[];
    readonly constraints: readonly ParsedTableConstraint[];
    /** What follows the closing parenthesis, e.g. `WITHOUT ROWID`; "" when nothing. */
    readonly options: string;
}

/**
 * Rewrites SQL with single spaces between tokens (none inside parentheses or before commas)
 * and without comments, so the same statement written with other whitespace compares equal.
 * Quoted strings and identifiers are kept verbatim.
 */
export function normalizeSql(sql: string): string {
    return joinTokens(tokenize(sql));
}

export function parseCreateTable(sql: string): ParsedCreateTable {
    const tokens = tokenize(sql);
    const open = tokens.findIndex((token) => token.text === "(");
    const close = matchingParenthesis(tokens, open);
    const items = splitTopLevel(tokens.slice(open + 1, close));
    const constraintKeywords = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);
    const isConstraint = (item: Token[]) => item[0].kind === "word" && constraintKeywords.has(upper(item[0]));
    return {
        columns: items.filter((item) => !isConstraint(item)).map(parseColumn),
        constraints: items.filter(isConstraint).map(parseTableConstraint),
        options: joinTokens(tokens.slice(close + 1).filter((token) => token.text !== ";")),
    };
}

function parseTableConstraint(item: Token[]): ParsedTableConstraint {
    const named = upper(item[0]) === "CONSTRAINT";
    const rest = named ? item.slice(2) : item;
    const type = ["PRIMARY", "FOREIGN"].includes(upper(rest[0])) ? `${upper(rest[0])} KEY` : upper(rest[0]);
    const checkExpression = type === "CHECK" ? joinTokens(rest.slice(2, matchingParenthesis(rest, 1))) : null;
    return { name: named ? unquote(item[1]) : null, type, definition: joinTokens(rest), checkExpression };
}

function parseColumn(item: Token[]): ParsedColumn {
    const checks: { name: string | null; expression: string }[] = [];
    let collation: string | null = null;
    let autoincrement = false;
    let generatedAs: string | null = null;
    let pendingName: string | null = null;
    for (let i = 1; i < item.length; i++) {
        const word = item[i].kind === "word" ? upper(item[i]) : "";
        const opensGroup = item[i + 1]?.text === "(";
        if (item[i].text === "(") {
            i = matchingParenthesis(item, i);
        } else if (word === "CONSTRAINT") {
            pendingName = unquote(item[++i]);
        } else if ((word === "CHECK" || word === "AS") && opensGroup) {
            const close = matchingParenthesis(item, i + 1);
            const expression = joinTokens(item.slice(i + 2, close));
            if (word === "CHECK") checks.push({ name: pendingName, expression });
            else generatedAs = expression;
            pendingName = null;
            i = close;
        } else if (word === "COLLATE") {
            collation = unquote(item[++i]);
        } else if (word === "AUTOINCREMENT") {
            autoincrement = true;
        }
    }
    return { name: unquote(item[0]), checks, collation, autoincrement, generatedAs };
}

function tokenize(sql: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < sql.length) {
        const char = sql[i];
        if (/\s/.test(char)) {
            i++;
        } else if (sql.startsWith("--", i)) {
            i = endOf(sql.indexOf("\n", i), sql.length);
        } else if (sql.startsWith("/*", i)) {
            i = endOf(sql.indexOf("*/", i + 2), sql.length - 2) + 2;
        } else if (char === "'" || char === '"' || char === "`") {
            const end = closingQuote(sql, i, char);
            tokens.push({ text: sql.slice(i, end), kind: char === "'" ? "string" : "identifier" });
            i = end;
        } else if (char === "[") {
            const end = endOf(sql.indexOf("]", i), sql.length - 1) + 1;
            tokens.push({ text: sql.slice(i, end), kind: "identifier" });
            i = end;
        } else {
            const match = /^(?:[\w$.]+|[<>=!|]+|.)/.exec(sql.slice(i))!;
            tokens.push({ text: match[0], kind: /^[\w$]/.test(match[0]) ? "word" : "symbol" });
            i += match[0].length;
        }
    }
    return tokens;
}

/** Index just past the quote closing the one at `start`; a doubled quote is an escaped one. */
function closingQuote(sql: string, start: number, quote: string): number {
    let i = start + 1;
    while (i < sql.length) {
        if (sql[i] === quote && sql[i + 1] === quote) i += 2;
        else if (sql[i] === quote) return i + 1;
        else i++;
    }
    return sql.length;
}

function endOf(found: number, fallback: number): number {
    return found === -1 ? fallback : found;
}

function joinTokens(tokens: readonly Token[]): string {
    let text = "";
    tokens.forEach((token, i) => {
        const previous = tokens[i - 1];
        const tight = previous === undefined || previous.text === "(" || token.text === ")" || token.text === ",";
        text += (tight ? "" : " ") + token.text;
    });
    return text;
}

function matchingParenthesis(tokens: readonly Token[], open: number): number {
    let depth = 0;
    for (let i = open; i < tokens.length; i++) {
        if (tokens[i].text === "(") depth++;
        if (tokens[i].text === ")" && --depth === 0) return i;
    }
    throw new Error(`Unbalanced parentheses in: ${joinTokens(tokens)}`);
}

function splitTopLevel(tokens: readonly Token[]): Token[][] {
    const items: Token[][] = [[]];
    let depth = 0;
    for (const token of tokens) {
        if (token.text === "(") depth++;
        if (token.text === ")") depth--;
        if (token.text === "," && depth === 0) items.push([]);
        else items[items.length - 1].push(token);
    }
    return items.filter((item) => item.length > 0);
}

function upper(token: Token | undefined): string {
    return token?.text.toUpperCase() ?? "";
}

/** The name a (possibly quoted) identifier token stands for. */
function unquote(token: Token | undefined): string {
    if (token === undefined) return "";
    if (token.kind !== "identifier" && token.kind !== "string") return token.text;
    if (token.text.startsWith("[")) return token.text.slice(1, -1);
    const quote = token.text[0];
    return token.text.slice(1, -1).replaceAll(quote + quote, quote);
}
