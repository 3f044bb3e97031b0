/**
 * A column default as information_schema reports it, spelled as TypeORM writes it. MariaDB
 * reports an expression (`'draft'`, `0`, `current_timestamp(6)`, `NULL` for none); MySQL 8 the
 * bare value, marking expressions DEFAULT_GENERATED in EXTRA.
 * - a number is quoted (`0` → `'0'`): MysqlDriver.normalizeDefault writes numbers as strings
 *   (a boolean's `0` / `1` stays bare only when the reference says so, see spellings.ts);
 * - CURRENT_TIMESTAMP is written upper case, as TypeORM writes it; MariaDB's `current_timestamp()`
 *   (no precision) reads as `CURRENT_TIMESTAMP`.
 */
export function typeormDefault(stored: string | null, extra: string, mariadb: boolean): string | null {
    if (stored === null || (mariadb && stored === "NULL")) return null;
    const value = mariadb || /DEFAULT_GENERATED/i.test(extra) ? stored : quoteValue(stored);
    if (/^-?\d+(\.\d+)?$/.test(value)) return `'${value}'`;
    return currentTimestamp(value);
}

function quoteValue(value: string): string {
    return /^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

export function currentTimestamp(expression: string): string {
    return expression.replace(
        /^current_timestamp(\(\d*\))?$/i,
        (_, precision: string | undefined) => `CURRENT_TIMESTAMP${precision === "()" ? "" : (precision ?? "")}`,
    );
}

/** `on update current_timestamp(6)` in EXTRA → `CURRENT_TIMESTAMP(6)`. */
export function onUpdateOf(extra: string): string | null {
    const match = /on update (\S+)/i.exec(extra);
    return match === null ? null : currentTimestamp(match[1]);
}
