import { IntrospectionError } from "../../../catalog/errors";
import { closingParen, isWord, splitAtCommas, textOf, tokenize, type Token } from "./tokens";

export interface ParsedIndex {
    readonly unique: boolean;
    /** The columns, when every part of the list is a bare column name; else empty. */
    readonly columns: string[];
    readonly where: string | null;
    /** The whole list inside the parentheses, as written. */
    readonly keyList: string;
    /** Every part of the list is a bare column name (no expression, `COLLATE` or `ASC` / `DESC`). */
    readonly plain: boolean;
}

/** `CREATE [UNIQUE] INDEX [IF NOT EXISTS] "name" ON "table" ("a", "b") [WHERE expr]`, kept verbatim by SQLite. */
export function parseCreateIndex(sql: string): ParsedIndex {
    const tokens = tokenize(sql);
    const on = tokens.findIndex((t) => isWord(t, "ON"));
    if (on < 0) throw new IntrospectionError(`not a CREATE INDEX: ${sql}`);
    const open = on + 2;
    const close = closingParen(tokens, open);
    const parts = splitAtCommas(tokens.slice(open + 1, close));
    const where = isWord(tokens[close + 1], "WHERE") ? textOf(sql, tokens, close + 2, tokens.length - 1) : null;
    const plain = parts.every(isBareName);
    return {
        unique: isWord(tokens[1], "UNIQUE"),
        columns: plain ? parts.map((part) => part[0].value) : [],
        where,
        keyList: textOf(sql, tokens, open + 1, close - 1),
        plain,
    };
}

const isBareName = (part: readonly Token[]) => part.length === 1 && (part[0].kind === "identifier" || part[0].kind === "word");

/** The query of `CREATE VIEW "name" AS <query>`, as written. */
export function viewQuery(sql: string): string {
    const tokens = tokenize(sql);
    const as = tokens.findIndex((t) => isWord(t, "AS"));
    if (as < 0) throw new IntrospectionError(`not a CREATE VIEW: ${sql}`);
    return textOf(sql, tokens, as + 1, tokens.length - 1);
}
