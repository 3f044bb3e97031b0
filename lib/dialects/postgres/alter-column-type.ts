import type { Column } from "../../schema/model";
import { alterColumnSql } from "./columns";
import { columnTypeSql, elementTypeSql, isEnumColumn } from "./column-type";
import { quoteIdentifier } from "./quote";

/** Whether the column's stored type differs: type, length, precision, scale, array, enum type, PostGIS subtype. */
export function typeChanges(before: Column, after: Column): boolean {
    return columnTypeSql(before) !== columnTypeSql(after);
}

/**
 * `ALTER COLUMN ... TYPE new [COLLATE ...] USING cast`: converts the rows in place (never DROP + ADD).
 * COLLATE is always written when the column has one, because a TYPE change otherwise resets the
 * collation to the new type's default.
 */
export function retypeSql(before: Column, after: Column): string[] {
    const retyped = typeChanges(before, after);
    if (!retyped && before.collation === after.collation) return [];
    const collate = after.collation !== null
        ? ` COLLATE ${quoteIdentifier(after.collation)}`
        : before.collation !== null ? ` COLLATE pg_catalog."default"` : "";
    const using = retyped ? ` USING ${usingExpression(before, after)}` : "";
    return [alterColumnSql(after, `TYPE ${columnTypeSql(after)}${collate}${using}`)];
}

/**
 * The conversion of a stored value. Enum values convert to and from other types through text
 * (there is no direct cast between two enum types, nor from varchar); a scalar becomes a
 * one-element array and an array keeps its first element.
 */
export function usingExpression(before: Column, after: Column): string {
    const column = quoteIdentifier(after.name);
    const viaText = isEnumColumn(before) || isEnumColumn(after);
    if (!before.array && after.array) {
        const element = `${column}${viaText ? "::text" : ""}::${elementTypeSql(after)}`;
        return `CASE WHEN ${column} IS NULL THEN NULL ELSE ARRAY[${element}] END`;
    }
    if (before.array && !after.array) return `${column}[1]${viaText ? "::text" : ""}::${columnTypeSql(after)}`;
    const text = viaText ? (after.array ? "::text[]" : "::text") : "";
    return `${column}${text}::${columnTypeSql(after)}`;
}
