import type { Column, PrimaryKey } from "../../schema/model";
import type { Statement } from "../dialect";
import { columnDefinition } from "./column-sql";
import { quoteIdentifier } from "./quote";

// Defaults SQLite can evaluate once for the rows already there. `ALTER TABLE ADD COLUMN` refuses
// anything else ("Cannot add a column with non-constant default"): datetime('now'), CURRENT_TIMESTAMP.
const CONSTANT_DEFAULTS: readonly RegExp[] = [
    /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/,
    /^'(?:[^']|'')*'$/,
    /^[xX]'(?:[0-9a-fA-F]{2})*'$/,
    /^(NULL|TRUE|FALSE)$/i,
];

export function isConstantDefault(expression: string): boolean {
    const bare = expression.trim();
    return CONSTANT_DEFAULTS.some((pattern) => pattern.test(bare));
}

/**
 * Whether `ALTER TABLE ADD COLUMN` can add this column. SQLite refuses primary key and UNIQUE
 * columns, STORED generated columns, NOT NULL without a default and non-constant defaults.
 * (SQLite writes the new column into the stored CREATE TABLE after the last column, before
 * the table constraints, so the catalog reads as if the table had been created that way.)
 */
export function canAddInPlace(column: Column, primaryKey: PrimaryKey | null): boolean {
    if (primaryKey?.columns.includes(column.name) || column.generated === "increment") return false;
    if (column.asExpression !== null) return column.generatedType !== "STORED";
    if (column.default !== null) return isConstantDefault(column.default);
    return column.nullable;
}

export function addColumnStatements(table: string, columns: readonly Column[]): Statement[] {
    return columns.map((column) => ({
        sql: `ALTER TABLE ${quoteIdentifier(table)} ADD COLUMN ${columnDefinition(column, false)}`,
    }));
}
