export interface MysqlColumnType {
    readonly type: string;
    readonly length: string;
    readonly precision: number | null;
    readonly scale: number | null;
    readonly unsigned: boolean;
    readonly enum: string[] | null;
}

// Integer display widths (`int(11)` on MariaDB) are not lengths: TypeORM 1.x gives integers none.
const INTEGER_TYPES = new Set(["tinyint", "smallint", "mediumint", "int", "bigint"]);
const LENGTH_TYPES = new Set(["char", "varchar", "binary", "varbinary", "bit", "nchar", "nvarchar"]);
const PRECISION_ONLY_TYPES = new Set(["datetime", "timestamp", "time"]);

/**
 * COLUMN_TYPE (`varchar(120)`, `decimal(10,2)`, `int(10) unsigned`, `enum('a','b')`,
 * `datetime(6)`) as TypeORM's MysqlDriver normalizes a column: type name, length, precision,
 * scale, unsigned, enum values.
 */
export function columnType(columnType: string, dataType: string): MysqlColumnType {
    const type = dataType.toLowerCase();
    const unsigned = /\bunsigned\b/i.test(columnType);
    const plain: MysqlColumnType = { type, length: "", precision: null, scale: null, unsigned, enum: null };
    if (type === "enum" || type === "set") return { ...plain, enum: enumValues(columnType) };
    const numbers = /^\w+\((\d+)(?:,(\d+))?\)/.exec(columnType);
    if (numbers === null || INTEGER_TYPES.has(type)) return plain;
    if (LENGTH_TYPES.has(type)) return { ...plain, length: numbers[1] };
    if (PRECISION_ONLY_TYPES.has(type)) return { ...plain, precision: Number(numbers[1]) };
    return { ...plain, precision: Number(numbers[1]), scale: numbers[2] === undefined ? null : Number(numbers[2]) };
}

/** `enum('o''clock','say "hi"')` → its values; the server doubles quotes and escapes backslashes. */
function enumValues(columnType: string): string[] {
    const values: string[] = [];
    const literal = /'((?:[^'\\]|''|\\.)*)'/g;
    for (const match of columnType.matchAll(literal)) values.push(match[1].replaceAll("''", "'").replace(/\\(.)/g, "$1"));
    return values;
}
