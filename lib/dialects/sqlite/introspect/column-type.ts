import { isPunct, tokenize } from "./tokens";

export interface SqliteColumnType {
    readonly type: string;
    readonly length: string;
    readonly precision: number | null;
    readonly scale: number | null;
    readonly array: boolean;
}

// SqliteDriver's withLengthColumnTypes: one number after these is a length, after any other type a precision.
const LENGTH_TYPES = new Set(["character", "varchar", "varying character", "nchar", "native character", "nvarchar", "text", "blob", "clob"]);

/**
 * The declared type as TypeORM writes it (`varchar(200)`, `decimal(10,2)`, `varchar array`) split
 * into the model's type, length, precision and scale. TypeORM's SQLite types are written as it
 * normalizes them, so the name is kept as declared, in lower case.
 */
export function columnType(declared: string): SqliteColumnType {
    const all = tokenize(declared);
    const array = all.length > 1 && all[all.length - 1].value.toLowerCase() === "array";
    const tokens = array ? all.slice(0, -1) : all;
    const open = tokens.findIndex((t) => isPunct(t, "("));
    const type = tokens
        .slice(0, open < 0 ? tokens.length : open)
        .map((t) => t.value.toLowerCase())
        .join(" ");
    const numbers =
        open < 0
            ? []
            : tokens
                  .slice(open + 1)
                  .filter((t) => t.kind === "word")
                  .map((t) => Number(t.value));
    const plain = { type, length: "", precision: null, scale: null, array };
    if (numbers.length === 0) return plain;
    if (LENGTH_TYPES.has(type)) return { ...plain, length: String(numbers[0]) };
    return { ...plain, precision: numbers[0], scale: numbers.length > 1 ? numbers[1] : null };
}
