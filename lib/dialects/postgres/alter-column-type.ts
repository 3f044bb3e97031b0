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
    const collate =
        after.collation !== null ? ` COLLATE ${quoteIdentifier(after.collation)}` : before.collation !== null ? ` COLLATE pg_catalog."default"` : "";
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
    const viaText = isEnumColumn(before) || isEnumColumn(after) || !hasDirectCast(before.type, after.type);
    if (!before.array && after.array) {
        const element = `${column}${viaText ? "::text" : ""}::${elementTypeSql(after)}`;
        return `CASE WHEN ${column} IS NULL THEN NULL ELSE ARRAY[${element}] END`;
    }
    if (before.array && !after.array) return `${column}[1]${viaText ? "::text" : ""}::${columnTypeSql(after)}`;
    const text = viaText ? (after.array ? "::text[]" : "::text") : "";
    return `${column}${text}::${columnTypeSql(after)}`;
}

const stringTypes = new Set(["character varying", "varchar", "character", "char", "text", "citext", "name"]);
const numericTypes = new Set(["smallint", "integer", "int", "bigint", "numeric", "decimal", "real", "double precision", "float", "money"]);

/**
 * Whether `value::after` works straight from `before`. Where PostgreSQL has no cast (uuid to
 * integer, boolean to numeric) the value goes through its text form, which converts whatever
 * text can hold, instead of failing on the USING clause itself.
 */
function hasDirectCast(before: string, after: string): boolean {
    if (before === after || stringTypes.has(before) || stringTypes.has(after)) return true;
    if (numericTypes.has(before) && numericTypes.has(after)) return true;
    return (before === "boolean" && after === "integer") || (before === "integer" && after === "boolean");
}
