/**
 * Lays a long CREATE TABLE out one column or constraint per line; other statements pass through.
 * Splits only on commas outside quotes and parentheses, so expressions stay intact.
 */
export function prettySql(sql: string, indent: string): string {
    const open = createTableBodyStart(sql);
    if (open < 0) return sql;
    // MySQL's table options (`ENGINE=InnoDB`, `COMMENT '...'`) follow the closing parenthesis.
    const close = closingParenthesis(sql, open);
    if (close < 0) return sql;
    const parts = splitTopLevel(sql.slice(open + 1, close));
    if (parts === null || parts.length < 2) return sql;
    return `${sql.slice(0, open + 1)}\n${parts.map((p) => `${indent}    ${p.trim()}`).join(",\n")}\n${indent})${sql.slice(close + 1)}`;
}

function createTableBodyStart(sql: string): number {
    if (!/^CREATE TABLE /i.test(sql)) return -1;
    let quote: string | null = null;
    for (let i = 0; i < sql.length; i++) {
        const ch = sql[i];
        if (quote) {
            if (ch === quote) quote = null;
        } else if (ch === '"' || ch === "`" || ch === "'") {
            quote = ch;
        } else if (ch === "(") {
            return i;
        }
    }
    return -1;
}

/** Null when quotes or parentheses do not balance (then the statement is left alone). */
function splitTopLevel(body: string): string[] | null {
    const parts: string[] = [];
    let depth = 0;
    let quote: string | null = null;
    let start = 0;
    for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (quote) {
            if (ch === quote) quote = null;
            continue;
        }
        if (ch === '"' || ch === "`" || ch === "'") quote = ch;
        else if (ch === "(") depth++;
        else if (ch === ")") depth--;
        else if (ch === "," && depth === 0) {
            parts.push(body.slice(start, i));
            start = i + 1;
        }
        if (depth < 0) return null;
    }
    if (depth !== 0 || quote) return null;
    parts.push(body.slice(start));
    return parts;
}

/** Where the parenthesis opened at `open` closes, outside quotes; -1 when it does not. */
function closingParenthesis(sql: string, open: number): number {
    let depth = 0;
    let quote: string | null = null;
    for (let i = open; i < sql.length; i++) {
        const ch = sql[i];
        if (quote) {
            if (ch === "\\" && quote === "'") i++;
            else if (ch === quote) quote = null;
        } else if (ch === '"' || ch === "`" || ch === "'") {
            quote = ch;
        } else if (ch === "(") {
            depth++;
        } else if (ch === ")" && --depth === 0) {
            return i;
        }
    }
    return -1;
}
