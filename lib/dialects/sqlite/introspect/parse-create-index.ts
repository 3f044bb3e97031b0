import { IntrospectionError } from "../../../catalog/errors";
import { closingParen, isWord, splitAtCommas, textOf, tokenize, type Token } from "./tokens";

export interface ParsedIndex {
    readonly unique: boolean;
    readonly columns: string[];
    readonly where: string | null;
    /** The parts of the list that are expressions rather than a column (`substr("name", 1, 10)`), as written. */
    readonly expressions: string[];
    /** The whole list inside the parentheses, as written. */
    readonly keyList: string;
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
    return {
        unique: isWord(tokens[1], "UNIQUE"),
        columns: parts.filter(isColumn).map((part) => part[0].value),
        where,
        expressions: parts.filter((part) => !isColumn(part)).map((part) => sql.slice(part[0].start, part[part.length - 1].end)),
        keyList: textOf(sql, tokens, open + 1, close - 1),
    };
}

/** A column name, with an optional `COLLATE name` and `ASC` / `DESC` after it. */
function isColumn(part: readonly Token[]): boolean {
    const [name, ...rest] = part;
    if (name.kind !== "identifier" && name.kind !== "word") return false;
    const afterCollate = isWord(rest[0], "COLLATE") && rest[1] !== undefined ? rest.slice(2) : rest;
    return afterCollate.length === 0 || (afterCollate.length === 1 && isWord(afterCollate[0], "ASC", "DESC"));
}

/** The query of `CREATE VIEW "name" AS <query>`, as written. */
export function viewQuery(sql: string): string {
    const tokens = tokenize(sql);
    const as = tokens.findIndex((t) => isWord(t, "AS"));
    if (as < 0) throw new IntrospectionError(`not a CREATE VIEW: ${sql}`);
    return textOf(sql, tokens, as + 1, tokens.length - 1);
}
