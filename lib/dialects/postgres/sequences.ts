import type { Column } from "../../schema/model";
import { UnsupportedPostgresSchemaError } from "./errors";
import { qualifiedName } from "./quote";

// PostgreSQL names identifiers within NAMEDATALEN - 1 bytes.
/** PostgreSQL cuts identifiers to 63 bytes (NAMEDATALEN - 1). */
export const MAX_NAME_BYTES = 63;

interface SerialKind {
    readonly keyword: string;
    readonly sequenceType: string;
}

const SERIALS: Readonly<Record<string, SerialKind>> = {
    integer: { keyword: "SERIAL", sequenceType: "integer" },
    int: { keyword: "SERIAL", sequenceType: "integer" },
    int4: { keyword: "SERIAL", sequenceType: "integer" },
    smallint: { keyword: "SMALLSERIAL", sequenceType: "smallint" },
    int2: { keyword: "SMALLSERIAL", sequenceType: "smallint" },
    bigint: { keyword: "BIGSERIAL", sequenceType: "bigint" },
    int8: { keyword: "BIGSERIAL", sequenceType: "bigint" },
};

/** The SERIAL pseudo-type for an increment column, and the type of its sequence. */
export function serialKind(column: Column): SerialKind {
    const kind = SERIALS[column.type];
    if (!kind || column.array) {
        throw new UnsupportedPostgresSchemaError(`${column.table}.${column.name}: an increment column must be smallint, integer or bigint, not ${column.type}`);
    }
    return kind;
}

/**
 * The sequence SERIAL creates for a column, `"schema"."<table>_<column>_seq"`, named as the server
 * names it (makeObjectName): when too long, the longer of table and column name is shortened first,
 * a byte at a time, never cutting a character in two.
 */
export function serialSequenceName(column: Column): string {
    return qualifiedName(column.schema, serialSequenceBareName(column.table, column.name));
}

export function serialSequenceBareName(table: string, column: string): string {
    const label = "seq";
    const available = MAX_NAME_BYTES - (1 + 1 + label.length);
    let tableBytes = byteLength(table);
    let columnBytes = byteLength(column);
    while (tableBytes + columnBytes > available) {
        if (tableBytes > columnBytes) tableBytes--;
        else columnBytes--;
    }
    return `${clipToBytes(table, tableBytes)}_${clipToBytes(column, columnBytes)}_${label}`;
}

function byteLength(text: string): number {
    return Buffer.byteLength(text, "utf8");
}

/** The longest prefix of whole characters that fits in `bytes`. */
export function clipToBytes(text: string, bytes: number): string {
    let result = "";
    let used = 0;
    for (const character of text) {
        const size = byteLength(character);
        if (used + size > bytes) break;
        result += character;
        used += size;
    }
    return result;
}
