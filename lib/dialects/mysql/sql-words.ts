import type { ReferentialAction } from "../../schema/model";
import { UnsupportedMysqlSchemaError } from "./errors";

// Type names, character sets, collations, engines and parsers are SQL words, not identifiers or
// strings: they reach the SQL bare, so each is checked to be a plain word first.

const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*$/;
const WORD = /^[A-Za-z0-9_]+$/;
const DIGITS = /^[0-9]+$/;

function checked(value: string, pattern: RegExp, what: string): string {
    if (!pattern.test(value)) throw new UnsupportedMysqlSchemaError(`${what} ${JSON.stringify(value)} is not a plain SQL word`);
    return value;
}

/** A type name as TypeORM spells it (`varchar`, `int`, `datetime`, `geometry`). */
export function typeWord(type: string): string {
    return checked(type, TYPE_NAME, "column type");
}

/** A length, precision or scale. */
export function numberWord(value: string | number, what: string): string {
    const text = String(value);
    if (!DIGITS.test(text)) throw new UnsupportedMysqlSchemaError(`${what} ${JSON.stringify(text)} is not a whole number`);
    return text;
}

export const charsetWord = (charset: string) => checked(charset, WORD, "character set");
export const collationWord = (collation: string) => checked(collation, WORD, "collation");
export const engineWord = (engine: string) => checked(engine, WORD, "storage engine");
export const parserWord = (parser: string) => checked(parser, WORD, "full-text parser");

const ACTIONS: readonly ReferentialAction[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

export function referentialActionWord(action: ReferentialAction): string {
    if (!ACTIONS.includes(action)) throw new UnsupportedMysqlSchemaError(`referential action ${JSON.stringify(action)} is unknown`);
    return action;
}

/** `VIRTUAL` (TypeORM's default) or `STORED`. */
export function generatedTypeWord(kind: string | null): string {
    if (kind === null) return "VIRTUAL";
    if (kind !== "STORED" && kind !== "VIRTUAL") throw new UnsupportedMysqlSchemaError(`generated column kind ${JSON.stringify(kind)} is unknown`);
    return kind;
}
