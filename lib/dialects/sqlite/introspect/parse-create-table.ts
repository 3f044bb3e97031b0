import type { ReferentialAction } from "../../../schema/model";
import { IntrospectionError } from "../../../catalog/errors";
import { closingParen, isPunct, isWord, nameList, splitAtCommas, textOf, tokenize, type Token } from "./tokens";

export interface ParsedColumn {
    readonly name: string;
    /** The declared type as written, e.g. `varchar(200)`, `decimal(10,2)`, `varchar array`. */
    readonly type: string;
    /** Values of a `CHECK( "col" IN ('a','b') )` on the column (TypeORM's enum), else null. */
    readonly enumValues: string[] | null;
    readonly primaryKey: boolean;
    readonly autoincrement: boolean;
    readonly collation: string | null;
    readonly notNull: boolean;
    readonly default: string | null;
    readonly asExpression: string | null;
    readonly generatedType: "STORED" | "VIRTUAL" | null;
}

export interface ParsedForeignKey {
    readonly name: string | null;
    readonly columns: string[];
    readonly referencedTable: string;
    readonly referencedColumns: string[];
    readonly onDelete: ReferentialAction;
    readonly onUpdate: ReferentialAction;
    readonly deferrable: string | null;
}

export interface ParsedTable {
    readonly columns: ParsedColumn[];
    readonly primaryKey: string[] | null;
    readonly uniques: { name: string | null; columns: string[] }[];
    readonly checks: { name: string | null; expression: string }[];
    readonly foreignKeys: ParsedForeignKey[];
    readonly withoutRowid: boolean;
}

const TABLE_CONSTRAINT_WORDS = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];
const COLUMN_CLAUSE_WORDS = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "NOT", "NULL", "DEFAULT", "COLLATE", "AS", "GENERATED", "REFERENCES", "AUTOINCREMENT"];

/** Reads CREATE TABLE text (SQLite keeps it verbatim in sqlite_master) into its parts. */
export function parseCreateTable(sql: string): ParsedTable {
    const tokens = tokenize(sql);
    const open = tokens.findIndex((t) => isPunct(t, "("));
    if (open < 0) throw new IntrospectionError(`not a CREATE TABLE with columns: ${sql}`);
    const close = closingParen(tokens, open);
    const table: ParsedTable = {
        columns: [],
        primaryKey: null,
        uniques: [],
        checks: [],
        foreignKeys: [],
        withoutRowid: tokens.slice(close + 1).some((t) => isWord(t, "ROWID")),
    };
    for (const item of splitAtCommas(tokens.slice(open + 1, close))) {
        if (isWord(item[0], ...TABLE_CONSTRAINT_WORDS) && !(item[0].kind === "identifier")) readTableConstraint(sql, item, table);
        else table.columns.push(readColumn(sql, item));
    }
    const inlinePrimary = table.columns.filter((c) => c.primaryKey).map((c) => c.name);
    return inlinePrimary.length > 0 && table.primaryKey === null ? { ...table, primaryKey: inlinePrimary } : table;
}

function readColumn(sql: string, tokens: Token[]): ParsedColumn {
    let at = 1;
    while (at < tokens.length && !isWord(tokens[at], ...COLUMN_CLAUSE_WORDS)) {
        at = isPunct(tokens[at], "(") ? closingParen(tokens, at) + 1 : at + 1;
    }
    const column = {
        name: tokens[0].value,
        type: textOf(sql, tokens, 1, at - 1),
        enumValues: null as string[] | null,
        primaryKey: false,
        autoincrement: false,
        collation: null as string | null,
        notNull: false,
        default: null as string | null,
        asExpression: null as string | null,
        generatedType: null as "STORED" | "VIRTUAL" | null,
    };
    while (at < tokens.length) {
        const token = tokens[at];
        if (isWord(token, "CONSTRAINT")) at += 2;
        else if (isWord(token, "PRIMARY")) {
            column.primaryKey = true;
            at += 2;
        } else if (isWord(token, "AUTOINCREMENT")) {
            column.autoincrement = true;
            at++;
        } else if (isWord(token, "NOT")) {
            column.notNull = true;
            at += 2;
        } else if (isWord(token, "NULL", "UNIQUE", "ASC", "DESC", "ALWAYS")) at++;
        else if (isWord(token, "COLLATE")) {
            column.collation = tokens[at + 1].value;
            at += 2;
        } else if (isWord(token, "CHECK")) {
            const end = closingParen(tokens, at + 1);
            column.enumValues = enumValues(tokens.slice(at + 2, end), column.name);
            at = end + 1;
        } else if (isWord(token, "DEFAULT")) {
            const { text, next } = expressionAt(sql, tokens, at + 1);
            column.default = text;
            at = next;
        } else if (isWord(token, "GENERATED")) at++;
        else if (isWord(token, "AS")) {
            const end = closingParen(tokens, at + 1);
            column.asExpression = textOf(sql, tokens, at + 2, end - 1);
            column.generatedType = isWord(tokens[end + 1], "STORED") ? "STORED" : "VIRTUAL";
            at = isWord(tokens[end + 1], "STORED", "VIRTUAL") ? end + 2 : end + 1;
        } else throw new IntrospectionError(`column ${column.name}: unexpected ${token.value} in ${sql}`);
    }
    return column;
}

/** A DEFAULT's value: the inside of `(...)`, or one literal / signed number / word. */
function expressionAt(sql: string, tokens: Token[], at: number): { text: string; next: number } {
    if (isPunct(tokens[at], "(")) {
        const end = closingParen(tokens, at);
        return { text: textOf(sql, tokens, at + 1, end - 1), next: end + 1 };
    }
    const signed = isPunct(tokens[at], "-") || isPunct(tokens[at], "+");
    const last = signed ? at + 1 : at;
    return { text: textOf(sql, tokens, at, last), next: last + 1 };
}

/** `"col" IN ('a','b')` → `["a", "b"]`; another CHECK is not an enum. */
function enumValues(tokens: Token[], column: string): string[] | null {
    if (tokens[0]?.value !== column || !isWord(tokens[1], "IN") || !isPunct(tokens[2], "(")) return null;
    const values = tokens.slice(3, closingParen(tokens, 2)).filter((t) => !isPunct(t, ","));
    return values.every((t) => t.kind === "string") ? values.map((t) => t.value) : null;
}

function readTableConstraint(sql: string, tokens: Token[], table: ParsedTable): void {
    let at = 0;
    let name: string | null = null;
    if (isWord(tokens[0], "CONSTRAINT")) {
        name = tokens[1].value;
        at = 2;
    }
    const kind = tokens[at].value.toUpperCase();
    if (kind === "PRIMARY") {
        (table as { primaryKey: string[] | null }).primaryKey = nameList(tokens, at + 2).names;
    } else if (kind === "UNIQUE") {
        table.uniques.push({ name, columns: nameList(tokens, at + 1).names });
    } else if (kind === "CHECK") {
        const end = closingParen(tokens, at + 1);
        table.checks.push({ name, expression: textOf(sql, tokens, at + 2, end - 1) });
    } else if (kind === "FOREIGN") {
        table.foreignKeys.push(readForeignKey(tokens, at + 2, name));
    } else throw new IntrospectionError(`unexpected table constraint ${kind} in ${sql}`);
}

function readForeignKey(tokens: Token[], open: number, name: string | null): ParsedForeignKey {
    const own = nameList(tokens, open);
    const referencedTable = tokens[own.close + 2].value;
    const referenced = isPunct(tokens[own.close + 3], "(") ? nameList(tokens, own.close + 3) : { names: [], close: own.close + 2 };
    const fk = {
        name,
        columns: own.names,
        referencedTable,
        referencedColumns: referenced.names,
        onDelete: "NO ACTION" as ReferentialAction,
        onUpdate: "NO ACTION" as ReferentialAction,
        deferrable: null as string | null,
    };
    for (let at = referenced.close + 1; at < tokens.length; at++) {
        if (isWord(tokens[at], "ON")) {
            const { action, next } = referentialAction(tokens, at + 2);
            if (isWord(tokens[at + 1], "DELETE")) fk.onDelete = action;
            else fk.onUpdate = action;
            at = next - 1;
        } else if (isWord(tokens[at], "DEFERRABLE")) {
            fk.deferrable =
                tokens
                    .slice(at + 1, at + 3)
                    .map((t) => t.value.toUpperCase())
                    .join(" ") || null;
            at += 2;
        }
    }
    return fk;
}

function referentialAction(tokens: Token[], at: number): { action: ReferentialAction; next: number } {
    const word = tokens[at].value.toUpperCase();
    if (word === "SET" || word === "NO") return { action: `${word} ${tokens[at + 1].value.toUpperCase()}` as ReferentialAction, next: at + 2 };
    return { action: word as ReferentialAction, next: at + 1 };
}
