import type { DataCheckDialect } from "../data-check-sql";
import { powerOfTen } from "../data-check-sql";
import { quoteIdentifier, quoteLiteral, tableName } from "./quote";

/**
 * MySQL/MariaDB: in strict mode a value that does not fit fails the ALTER, after the statements
 * before it stayed applied (no transactional DDL); outside strict mode it is cut or rounded with
 * a warning. The check stops the migration before its first statement instead.
 */
export const mysqlDataChecks: DataCheckDialect = {
    quoteIdentifier,
    tableName,
    duplicatesBySort: true,
    narrowed: {
        length: (column, { max }) => `CHAR_LENGTH(${column}) > ${max}`,
        integerRange: (column, { min, max }) => `(${column} < ${min} OR ${column} > ${max})`,
        numericDigits: (column, { precision, scale }) => `(ABS(${column}) >= ${powerOfTen(precision - scale)} OR ${column} <> ROUND(${column}, ${scale}))`,
        // CAST AS TIMESTAMP does not exist; DATETIME holds a TIMESTAMP's values.
        fractionalSeconds: (column, { precision }, { target }) =>
            `${column} <> CAST(${column} AS ${target.type === "time" ? "TIME" : "DATETIME"}(${precision}))`,
        enumValues: (column, { removed }) => `${column} IN (${removed.map(quoteLiteral).join(", ")})`,
    },
};
