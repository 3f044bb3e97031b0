import { dialectModule } from "../dialects/registry";
import type { Dialect } from "../schema/model";
import { OfflineSqlUnsupportedError } from "./offline-query-runner";

/**
 * Writes a statement's parameters into its SQL as literals, so it runs as printed: `$1`, `$2`
 * on PostgreSQL, `?` in order on MySQL and SQLite. Placeholders inside string literals, quoted
 * identifiers and comments are left alone; a statement without parameters is returned as is.
 *
 * @example
 * inlineParameters("postgres", 'INSERT INTO "migrations"("timestamp", "name") VALUES ($1, $2)', [1764000000000, "Init1764000000000"])
 * // 'INSERT INTO "migrations"("timestamp", "name") VALUES (1764000000000, \'Init1764000000000\')'
 */
export function inlineParameters(dialect: Dialect, sql: string, parameters: readonly unknown[]): string {
    if (parameters.length === 0) return sql;
    const placeholder = dialect === "postgres" ? /^\$(\d+)/ : /^\?/;
    let out = "";
    let next = 0;
    let i = 0;
    while (i < sql.length) {
        const skipped = skipQuoted(sql, i, dialect);
        if (skipped > i) {
            out += sql.slice(i, skipped);
            i = skipped;
            continue;
        }
        const match = placeholder.exec(sql.slice(i, i + 12));
        if (match) {
            const index = match[1] === undefined ? next++ : Number(match[1]) - 1;
            if (index >= parameters.length) throw new OfflineSqlUnsupportedError(`statement has more placeholders than parameters: ${sql.slice(0, 120)}`);
            out += literal(dialect, parameters[index]);
            i += match[0].length;
            continue;
        }
        out += sql[i];
        i++;
    }
    return out;
}

/** The index just past a quoted string, quoted identifier or comment starting at `i`; `i` when none does. */
function skipQuoted(sql: string, i: number, dialect: Dialect): number {
    const two = sql.slice(i, i + 2);
    if (two === "--") return endOf(sql, "\n", i + 2);
    if (two === "/*") return endOf(sql, "*/", i + 2);
    const char = sql[i];
    if (char === "'" || char === '"' || char === "`") {
        // MySQL strings, and PostgreSQL's E'...' strings, take backslash escapes.
        const backslashes = (dialect === "mysql" && char !== "`") || (dialect === "postgres" && char === "'" && /[Ee]/.test(sql[i - 1] ?? ""));
        return closingQuote(sql, i, char, backslashes);
    }
    if (dialect === "postgres" && char === "$") {
        const tag = /^\$[A-Za-z_]?\w*\$/.exec(sql.slice(i));
        if (tag) return endOf(sql, tag[0], i + tag[0].length);
    }
    return i;
}

function endOf(sql: string, terminator: string, from: number): number {
    const at = sql.indexOf(terminator, from);
    return at < 0 ? sql.length : at + terminator.length;
}

/** Quotes close on a single quote character; a doubled one (or, in MySQL strings, a backslash) escapes it. */
function closingQuote(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
    let i = start + 1;
    while (i < sql.length) {
        if (backslashEscapes && sql[i] === "\\") {
            i += 2;
        } else if (sql[i] === quote) {
            if (sql[i + 1] !== quote) return i + 1;
            i += 2;
        } else {
            i++;
        }
    }
    return sql.length;
}

function literal(dialect: Dialect, value: unknown): string {
    const quote = (text: string) => dialectModule(dialect).quoteLiteral(text);
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new OfflineSqlUnsupportedError(`cannot write the parameter ${value} as SQL`);
        return String(value);
    }
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "boolean") return dialect === "postgres" ? (value ? "TRUE" : "FALSE") : value ? "1" : "0";
    if (typeof value === "string") return quote(value);
    if (value instanceof Date) return quote(value.toISOString());
    if (Buffer.isBuffer(value)) return dialect === "postgres" ? `'\\x${value.toString("hex")}'::bytea` : `X'${value.toString("hex")}'`;
    return quote(JSON.stringify(value));
}
