import type { TableRef } from "../../schema/model";
import { UnsupportedPostgresSchemaError } from "./errors";

/** `"name"`, with any `"` inside doubled. */
export function quoteIdentifier(name: string): string {
    rejectNul(name, "an identifier");
    return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `'text'` with `'` doubled. A value holding a backslash is written `E'...'` with the backslash
 * doubled, as PostgreSQL's own `quote_literal` does, so it reads the same whatever
 * `standard_conforming_strings` is set to. A carriage return is written as the escape `\r` in
 * such a literal: raw, it would not survive a template literal (the migration file reads CR LF as
 * LF) nor a checkout that converts line endings.
 */
export function quoteLiteral(value: string): string {
    rejectNul(value, "a string literal");
    const body = value.replaceAll("'", "''");
    if (!value.includes("\\") && !value.includes("\r")) return `'${body}'`;
    return `E'${body.replaceAll("\\", "\\\\").replaceAll("\r", "\\r")}'`;
}

/** A comment literal; an empty comment is none. PostgreSQL text cannot hold NUL bytes, so TypeORM drops them. */
export function commentLiteral(comment: string | null): string {
    const text = (comment ?? "").replaceAll("\u0000", "");
    return text === "" ? "NULL" : quoteLiteral(text);
}

/** `"schema"."name"`, or `"name"` where the model has no schema. */
export function qualifiedName(schema: string, name: string): string {
    return schema === "" ? quoteIdentifier(name) : `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

export function tableName(ref: TableRef): string {
    return qualifiedName(ref.schema, ref.table);
}

export function quoteList(names: readonly string[]): string {
    return names.map(quoteIdentifier).join(", ");
}

function rejectNul(text: string, what: string): void {
    if (text.includes("\u0000")) throw new UnsupportedPostgresSchemaError(`${what} cannot contain a NUL byte: ${JSON.stringify(text)}`);
}
