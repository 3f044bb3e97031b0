import type { DataCheckDialect } from "../data-check-sql";
import { powerOfTen } from "../data-check-sql";
import { elementTypeSql } from "./column-type";
import { quoteIdentifier, quoteLiteral, tableName } from "./quote";

/** A condition on each element of an array column, or on the value itself. */
function eachValue(column: string, array: boolean, condition: (value: string) => string): string {
    return array ? `EXISTS (SELECT 1 FROM unnest(${column}) AS "tm_value" WHERE ${condition(`"tm_value"`)})` : condition(column);
}

/**
 * PostgreSQL: an explicit cast to a shorter varchar, fewer decimals or a coarser timestamp
 * truncates or rounds without an error; a smaller integer or fewer whole digits fails the
 * statement. Either way the check names the rows first.
 */
export const postgresDataChecks: DataCheckDialect = {
    duplicatesBySort: false,
    quoteIdentifier,
    tableName,
    narrowed: {
        length: (column, { max }, { array }) => eachValue(column, array, (v) => `char_length(${v}) > ${max}`),
        integerRange: (column, { min, max }, { array }) => eachValue(column, array, (v) => `(${v} < ${min} OR ${v} > ${max})`),
        numericDigits: (column, { precision, scale }, { array }) =>
            eachValue(column, array, (v) => `(abs(${v}) >= ${powerOfTen(precision - scale)} OR ${v} <> round(${v}, ${scale}))`),
        fractionalSeconds: (column, _narrowing, { array, target }) => eachValue(column, array, (v) => `${v} <> CAST(${v} AS ${elementTypeSql(target)})`),
        enumValues: (column, { removed }, { array }) =>
            array
                ? `${column}::text[] && ARRAY[${removed.map(quoteLiteral).join(", ")}]::text[]`
                : `${column}::text IN (${removed.map(quoteLiteral).join(", ")})`,
    },
};
