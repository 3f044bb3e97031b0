import type { Column } from "../../schema/model";
import { collationName, quoteIdentifier, quoteLiteral } from "./quote";

/**
 * The column's type as TypeORM writes it on SQLite: `varchar(200)`, `decimal(10,2)`, `integer`.
 * An enum column is a plain `varchar` (its values live in a CHECK), whatever its length.
 */
export function columnType(column: Column): string {
    if (column.enum !== null) return "varchar";
    let type = column.type;
    if (column.length !== "") type += `(${column.length})`;
    else if (column.precision !== null && column.scale !== null) type += `(${column.precision},${column.scale})`;
    else if (column.precision !== null) type += `(${column.precision})`;
    return column.array ? `${type} array` : type;
}

/** How an enum column restricts its values; the spacing is TypeORM's, so the catalog text matches. */
export function enumCheck(column: Column): string {
    const values = (column.enum ?? []).map(quoteLiteral).join(",");
    return `CHECK( ${quoteIdentifier(column.name)} IN (${values}) )`;
}

/**
 * One column of CREATE TABLE / ADD COLUMN, clauses in TypeORM's order:
 * name, type, enum CHECK, PRIMARY KEY, AUTOINCREMENT, COLLATE, NOT NULL, then AS (...) or DEFAULT (...).
 * `inlinePrimaryKey` is set only for the single column of a one-column primary key.
 */
export function columnDefinition(column: Column, inlinePrimaryKey: boolean): string {
    const parts = [quoteIdentifier(column.name), columnType(column)];
    if (column.enum !== null && !column.array) parts.push(enumCheck(column));
    if (inlinePrimaryKey) parts.push("PRIMARY KEY");
    if (column.generated === "increment") parts.push("AUTOINCREMENT");
    if (column.collation !== null) parts.push(`COLLATE ${collationName(column.collation)}`);
    if (!column.nullable) parts.push("NOT NULL");
    if (column.asExpression !== null) parts.push(`AS (${column.asExpression}) ${column.generatedType ?? "VIRTUAL"}`);
    else if (column.default !== null) parts.push(`DEFAULT (${column.default})`);
    return parts.join(" ");
}
