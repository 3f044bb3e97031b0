import type { Column } from "../../schema/model";
import { columnTypeSql } from "./column-type";
import { UnsupportedMysqlSchemaError } from "./errors";
import { commentLiteral, quoteIdentifier } from "./quote";
import { generatedTypeWord } from "./sql-words";

/**
 * One column as CREATE TABLE, ADD COLUMN and MODIFY COLUMN write it: name, data type, generation
 * expression, NULL-ability, AUTO_INCREMENT, DEFAULT, ON UPDATE, COMMENT. The default and ON
 * UPDATE are SQL expressions as TypeORM normalized them (`'draft'`, `CURRENT_TIMESTAMP(6)`).
 */
export function columnDefinitionSql(column: Column): string {
    const parts = [quoteIdentifier(column.name), columnTypeSql(column)];
    if (column.asExpression !== null) {
        parts.push(`AS (${column.asExpression}) ${generatedTypeWord(column.generatedType)}`);
        // MariaDB refuses NULL and NOT NULL on a computed column (it is always nullable there);
        // MySQL takes NOT NULL. A nullable one says nothing, which both read as nullable.
        if (!column.nullable) parts.push("NOT NULL");
    } else {
        parts.push(column.nullable ? "NULL" : "NOT NULL");
    }
    if (column.generated === "increment") parts.push("AUTO_INCREMENT");
    else if (column.generated === "identity" || column.generated === "rowid") {
        throw new UnsupportedMysqlSchemaError(`${column.table}.${column.name}: MySQL has no ${column.generated} columns (use increment)`);
    }
    if (column.default !== null && column.asExpression === null) parts.push(`DEFAULT ${column.default}`);
    if (column.onUpdate !== null) parts.push(`ON UPDATE ${column.onUpdate}`);
    if (column.comment) parts.push(`COMMENT ${commentLiteral(column.comment)}`);
    return parts.join(" ");
}
