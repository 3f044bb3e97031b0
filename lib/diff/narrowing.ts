import type { Column } from "../schema/model";

/**
 * How a column change can lose or reject values already stored: a shorter or bounded string, a
 * smaller integer range, fewer numeric digits, fewer fractional seconds, enum values removed.
 * Each is a check on the rows before the migration changes anything.
 */
export type Narrowing =
    | { readonly kind: "length"; readonly max: number }
    | { readonly kind: "integerRange"; readonly min: string; readonly max: string }
    | { readonly kind: "numericDigits"; readonly precision: number; readonly scale: number }
    | { readonly kind: "fractionalSeconds"; readonly precision: number }
    | { readonly kind: "enumValues"; readonly removed: readonly string[] };

// Type names as TypeORM normalizes them on PostgreSQL, MySQL/MariaDB and SQLite.
const unboundedStrings = new Set(["text", "citext", "tinytext", "mediumtext", "longtext", "clob", "ntext"]);
const boundedStrings = new Set([
    "character varying",
    "varchar",
    "character",
    "char",
    "nvarchar",
    "nchar",
    "varying character",
    "native character",
    "national varchar",
    "national char",
]);
/** The most characters a MySQL text type holds; the others have no limit worth checking. */
const textCapacity: Readonly<Record<string, number>> = { tinytext: 255, text: 65535, mediumtext: 16777215 };
const integerBits: Readonly<Record<string, number>> = {
    tinyint: 8,
    smallint: 16,
    int2: 16,
    mediumint: 24,
    int: 32,
    integer: 32,
    int4: 32,
    bigint: 64,
    int8: 64,
};
const decimals = new Set(["numeric", "decimal", "dec", "fixed"]);
const times = new Set([
    "timestamp",
    "timestamp without time zone",
    "timestamp with time zone",
    "timestamptz",
    "time",
    "time without time zone",
    "time with time zone",
    "timetz",
    "datetime",
    "datetime2",
    "datetimeoffset",
    "interval",
]);

/** The narrowings a change from `before` to `after` makes; empty when every stored value still fits. */
export function narrowings(before: Column, after: Column): Narrowing[] {
    return [
        lengthNarrowing(before, after),
        integerNarrowing(before, after),
        numericNarrowing(before, after),
        fractionNarrowing(before, after),
        enumNarrowing(before, after),
    ].filter((n): n is Narrowing => n !== null);
}

/** The most characters `column` holds, or null for unbounded (and for types that are not strings). */
function capacity(column: Column): number | null {
    if (boundedStrings.has(column.type) && column.length !== "") return Number(column.length);
    return textCapacity[column.type] ?? null;
}

function isString(column: Column): boolean {
    return boundedStrings.has(column.type) || unboundedStrings.has(column.type);
}

function lengthNarrowing(before: Column, after: Column): Narrowing | null {
    if (!isString(before) || !isString(after)) return null;
    const max = capacity(after);
    if (max === null) return null;
    const had = capacity(before);
    return had === null || had > max ? { kind: "length", max } : null;
}

function integerRange(column: Column): { min: bigint; max: bigint } | null {
    const bits = integerBits[column.type];
    if (bits === undefined) return null;
    return column.unsigned ? { min: 0n, max: (1n << BigInt(bits)) - 1n } : { min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n };
}

function integerNarrowing(before: Column, after: Column): Narrowing | null {
    const from = integerRange(before);
    const to = integerRange(after);
    if (from === null || to === null || (from.min >= to.min && from.max <= to.max)) return null;
    return { kind: "integerRange", min: String(to.min), max: String(to.max) };
}

function numericNarrowing(before: Column, after: Column): Narrowing | null {
    if (!decimals.has(before.type) || !decimals.has(after.type) || after.precision === null) return null;
    const scale = after.scale ?? 0;
    const unbounded = before.precision === null;
    const fewerWholeDigits = !unbounded && before.precision - (before.scale ?? 0) > after.precision - scale;
    const fewerDecimals = unbounded || (before.scale ?? 0) > scale;
    return fewerWholeDigits || fewerDecimals ? { kind: "numericDigits", precision: after.precision, scale } : null;
}

function fractionNarrowing(before: Column, after: Column): Narrowing | null {
    if (!times.has(before.type) || !times.has(after.type) || before.precision === null || after.precision === null) return null;
    return after.precision < before.precision ? { kind: "fractionalSeconds", precision: after.precision } : null;
}

function enumNarrowing(before: Column, after: Column): Narrowing | null {
    if (before.enum === null || after.enum === null) return null;
    const removed = before.enum.filter((value) => !(after.enum as readonly string[]).includes(value));
    return removed.length > 0 ? { kind: "enumValues", removed } : null;
}

/** The narrowing in words, for reasons and messages. */
export function describeNarrowing(narrowing: Narrowing): string {
    switch (narrowing.kind) {
        case "length":
            return `values longer than ${narrowing.max} characters`;
        case "integerRange":
            return `values outside ${narrowing.min}..${narrowing.max}`;
        case "numericDigits":
            return `values that do not fit numeric(${narrowing.precision},${narrowing.scale})`;
        case "fractionalSeconds":
            return `values with more than ${narrowing.precision} fractional second digits`;
        case "enumValues":
            return `values ${narrowing.removed.join(", ")} (removed from the enum)`;
    }
}
