import type { DialectModule } from "../dialects/dialect";
import type { OfflineLiterals } from "../dialects/runtime";
import { OfflineSqlUnsupportedError } from "./offline-query-runner";

/**
 * Writes a statement's parameters into its SQL as literals, so it runs as printed, at the dialect's
 * placeholders (`$1`, `$2`, or `?` in order: see `OfflineLiterals`). Placeholders inside string
 * literals, quoted identifiers and comments are left alone; a statement without parameters is
 * returned as is.
 *
 * @example
 * inlineParameters(postgresDialect, 'INSERT INTO "migrations"("timestamp", "name") VALUES ($1, $2)', [1764000000000, "Init1764000000000"])
 * // 'INSERT INTO "migrations"("timestamp", "name") VALUES (1764000000000, \'Init1764000000000\')'
 */
export function inlineParameters(dialect: DialectModule, sql: string, parameters: readonly unknown[]): string {
    if (parameters.length === 0) return sql;
    const literals = dialect.runtime.offlineLiterals;
    let out = "";
    let next = 0;
    let i = 0;
    while (i < sql.length) {
        const skipped = skipQuoted(sql, i, literals);
        if (skipped > i) {
            out += sql.slice(i, skipped);
            i = skipped;
            continue;
        }
        const match = literals.placeholder.exec(sql.slice(i, i + 12));
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
function skipQuoted(sql: string, i: number, literals: OfflineLiterals): number {
    const two = sql.slice(i, i + 2);
    if (two === "--") return endOf(sql, "\n", i + 2);
    if (two === "/*") return endOf(sql, "*/", i + 2);
    const char = sql[i];
    if (char === "'" || char === '"' || char === "`") {
        return closingQuote(sql, i, char, literals.backslashEscapes(char, sql[i - 1] ?? ""));
    }
    if (literals.dollarQuoting && char === "$") {
        const tag = /^\$[A-Za-z_]?\w*\$/.exec(sql.slice(i));
        if (tag) return endOf(sql, tag[0], i + tag[0].length);
    }
    return i;
}

function endOf(sql: string, terminator: string, from: number): number {
    const at = sql.indexOf(terminator, from);
    return at < 0 ? sql.length : at + terminator.length;
}

/** Quotes close on a single quote character; a doubled one (or, where the dialect says, a backslash) escapes it. */
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

function literal(dialect: DialectModule, value: unknown): string {
    const quote = (text: string) => dialect.quoteLiteral(text);
    const { boolean, bytes } = dialect.runtime.offlineLiterals;
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new OfflineSqlUnsupportedError(`cannot write the parameter ${value} as SQL`);
        return String(value);
    }
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "boolean") return boolean(value);
    if (typeof value === "string") return quote(value);
    if (value instanceof Date) return quote(value.toISOString());
    if (Buffer.isBuffer(value)) return bytes(value);
    return quote(JSON.stringify(value));
}
