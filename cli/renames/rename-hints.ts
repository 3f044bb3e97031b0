import type { ColumnRename, RenameDecisions, TableRename } from "../../lib/index";
import { CliError, ExitCode } from "../exit-codes";

/**
 * Reads `--rename [<schema>.]<table>.<old>=<new>` and `--rename-table [<schema>.]<old>=<new>`.
 * A name holding `.`, `=` or `"` is written as a JSON string: `--rename '"a.b"."x=y"=z'`.
 * Without a schema, names are in `defaultSchema`.
 */
export function parseRenameHints(columnHints: readonly string[], tableHints: readonly string[], defaultSchema: string): RenameDecisions {
    const tables: TableRename[] = tableHints.map((hint) => {
        const { path, target } = parseHint(hint, "--rename-table", [1, 2]);
        const schema = path.length === 2 ? path[0] : defaultSchema;
        return { from: { schema, table: path[path.length - 1] }, to: { schema, table: target } };
    });
    const columns: ColumnRename[] = columnHints.map((hint) => {
        const { path, target } = parseHint(hint, "--rename", [2, 3]);
        const schema = path.length === 3 ? path[0] : defaultSchema;
        return { table: { schema, table: path[path.length - 2] }, from: path[path.length - 1], to: target };
    });
    return { tables, columns };
}

/** The hint that names this rename, as `parseRenameHints` reads it back. */
export function formatRenameHint(path: readonly string[], target: string): string {
    return `${formatNames(path)}=${formatName(target)}`;
}

/** Dotted names as the hints read them back (a JSON string for a name holding `.`, `=`, `"` or space). */
export function formatNames(path: readonly string[]): string {
    return path.map(formatName).join(".");
}

function formatName(name: string): string {
    return name === "" || /[.="\s]/.test(name) ? JSON.stringify(name) : name;
}

function parseHint(hint: string, flag: string, lengths: readonly number[]): { path: string[]; target: string } {
    const bad = hintError(hint, flag);
    const tokens = tokenize(hint, bad);
    const equals = tokens.indexOf("=");
    if (equals < 0 || tokens.indexOf("=", equals + 1) >= 0) throw bad("expected exactly one '='");
    const path = namesOf(tokens.slice(0, equals), bad);
    const target = namesOf(tokens.slice(equals + 1), bad);
    if (!lengths.includes(path.length) || target.length !== 1) throw bad(`expected ${flag === "--rename" ? "[schema.]table.old=new" : "[schema.]old=new"}`);
    return { path, target: target[0] };
}

/**
 * Reads `<names>=<anything>`, the names dotted as in a rename hint (JSON strings where needed), the
 * rest taken as written: `--backfill 'user.phone=concat('+', "id")'`.
 */
export function parseNamedValue(hint: string, flag: string): { path: string[]; value: string } {
    const bad = hintError(hint, flag);
    let end = 0;
    while (end < hint.length && hint[end] !== "=") {
        if (hint[end] === '"') {
            const close = closingQuote(hint, end);
            if (close < 0) throw bad("unterminated JSON string");
            end = close;
        }
        end++;
    }
    if (end === hint.length) throw bad("expected '=' after the name");
    return { path: namesOf(tokenize(hint.slice(0, end), bad), bad), value: hint.slice(end + 1) };
}

function hintError(hint: string, flag: string): (why: string) => CliError {
    return (why: string) => new CliError(`${flag} ${JSON.stringify(hint)}: ${why}`, ExitCode.badInput);
}

/** Dotted names: a name, then '.' and a name, and so on. */
function namesOf(part: readonly (string | Name)[], bad: (why: string) => Error): string[] {
    const out: string[] = [];
    part.forEach((token, i) => {
        const expectName = i % 2 === 0;
        if (expectName !== token instanceof Name) throw bad(expectName ? "expected a name" : "expected '.' between names");
        if (token instanceof Name) out.push(token.value);
    });
    if (part.length % 2 === 0) throw bad("a name is missing");
    return out;
}

class Name {
    constructor(readonly value: string) {}
}

function tokenize(hint: string, bad: (why: string) => Error): (string | Name)[] {
    const tokens: (string | Name)[] = [];
    let i = 0;
    while (i < hint.length) {
        const ch = hint[i];
        if (ch === "." || ch === "=") {
            tokens.push(ch);
            i++;
        } else if (ch === '"') {
            const end = closingQuote(hint, i);
            if (end < 0) throw bad("unterminated JSON string");
            tokens.push(new Name(JSON.parse(hint.slice(i, end + 1)) as string));
            i = end + 1;
        } else {
            const match = /^[^.="]+/.exec(hint.slice(i)) as RegExpExecArray;
            tokens.push(new Name(match[0]));
            i += match[0].length;
        }
    }
    return tokens;
}

function closingQuote(text: string, open: number): number {
    for (let i = open + 1; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === '"') return i;
    }
    return -1;
}

/**
 * With several binds, each hint goes to the bind whose entities have its (new) table; a hint that
 * no bind can use is an error before anything is written.
 */
export function hintsForTables(hints: RenameDecisions, tables: readonly { readonly schema: string; readonly table: string }[]): RenameDecisions {
    const has = (ref: { schema: string; table: string }) => tables.some((t) => t.schema === ref.schema && t.table === ref.table);
    return { tables: hints.tables.filter((r) => has(r.to)), columns: hints.columns.filter((r) => has(r.table)) };
}
