import { IntrospectionError } from "../../../catalog/errors";
import { isWord, nameList, textOf, tokenize } from "./tokens";

export interface ParsedIndex {
    readonly unique: boolean;
    readonly columns: string[];
    readonly where: string | null;
}

/** `CREATE [UNIQUE] INDEX [IF NOT EXISTS] "name" ON "table" ("a", "b") [WHERE expr]`, kept verbatim by SQLite. */
export function parseCreateIndex(sql: string): ParsedIndex {
    const tokens = tokenize(sql);
    const on = tokens.findIndex((t) => isWord(t, "ON"));
    if (on < 0) throw new IntrospectionError(`not a CREATE INDEX: ${sql}`);
    const { names, close } = nameList(tokens, on + 2);
    const where = isWord(tokens[close + 1], "WHERE") ? textOf(sql, tokens, close + 2, tokens.length - 1) : null;
    return { unique: isWord(tokens[1], "UNIQUE"), columns: names, where };
}

/** The query of `CREATE VIEW "name" AS <query>`, as written. */
export function viewQuery(sql: string): string {
    const tokens = tokenize(sql);
    const as = tokens.findIndex((t) => isWord(t, "AS"));
    if (as < 0) throw new IntrospectionError(`not a CREATE VIEW: ${sql}`);
    return textOf(sql, tokens, as + 1, tokens.length - 1);
}
