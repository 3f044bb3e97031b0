import type { TableRef } from "../../schema/model";
import { UnsupportedMysqlSchemaError } from "./errors";

/** `` `name` ``, with any backtick inside doubled. MySQL identifiers cannot hold NUL. */
export function quoteIdentifier(name: string): string {
    if (name.includes("\u0000")) throw new UnsupportedMysqlSchemaError(`an identifier cannot contain a NUL byte: ${JSON.stringify(name)}`);
    return `\`${name.replaceAll("`", "``")}\``;
}

/**
 * `'text'` with `'` doubled and backslashes escaped (MySQL reads `\` as an escape in string
 * literals unless NO_BACKSLASH_ESCAPES is set, which TypeORM assumes too). A NUL byte and a
 * carriage return are written as the escapes `\0` and `\r`: raw, neither survives a migration
 * file (a template literal reads CR LF as LF).
 */
export function quoteLiteral(value: string): string {
    const body = value.replaceAll("\\", "\\\\").replaceAll("'", "''").replaceAll("\u0000", "\\0").replaceAll("\r", "\\r");
    return `'${body}'`;
}

/** A comment literal: MySQL stores no comment as `''`; TypeORM drops NUL bytes from comments. */
export function commentLiteral(comment: string | null): string {
    return quoteLiteral((comment ?? "").replaceAll("\u0000", ""));
}

/** The table in the connection's database: MySQL's "schema" is the database, which the model leaves out. */
export function tableName(ref: TableRef): string {
    return quoteIdentifier(ref.table);
}

export function quoteList(names: readonly string[]): string {
    return names.map(quoteIdentifier).join(", ");
}
