import type { Column, Schema } from "../../schema/model";
import { columnTypeSql } from "./column-type";
import { commentLiteral, quoteIdentifier, tableName } from "./quote";
import { serialKind } from "./sequences";
import { generatedTypeWord, identityKindWord } from "./sql-words";

/**
 * The uuid generator TypeORM writes for `generated: "uuid"` columns without a default:
 * `gen_random_uuid()` when the data source chose pgcrypto, else uuid-ossp's `uuid_generate_v4()`.
 */
export function uuidGenerator(schema: Schema): string {
    const pgcryptoOnly = schema.extensions.includes("pgcrypto") && !schema.extensions.includes("uuid-ossp");
    return pgcryptoOnly ? "gen_random_uuid()" : "uuid_generate_v4()";
}

/**
 * The DEFAULT the column carries as an expression. Increment and identity columns draw from a
 * sequence instead (a `nextval(...)` default read back from a database is ignored); a uuid column
 * without one gets the generator.
 */
export function effectiveDefault(column: Column, state: () => Schema): string | null {
    if (column.generated === "increment" || column.generated === "identity" || column.asExpression !== null) return null;
    if (column.default !== null) return column.default;
    // Only a uuid generator depends on the schema (its extensions); asking for the state is not free.
    return column.generated === "uuid" ? uuidGenerator(state()) : null;
}

/**
 * A column as CREATE TABLE and ADD COLUMN write it, in TypeORM's order:
 * name, type (or SERIAL), identity, generated expression, collation, NOT NULL, default.
 */
export function columnDefinitionSql(column: Column, state: () => Schema): string {
    const parts = [quoteIdentifier(column.name), typePart(column)];
    if (column.asExpression !== null) parts.push(`GENERATED ALWAYS AS (${column.asExpression}) ${generatedTypeWord(column.generatedType)}`);
    if (column.collation !== null) parts.push(`COLLATE ${quoteIdentifier(column.collation)}`);
    if (!column.nullable) parts.push("NOT NULL");
    const defaultValue = effectiveDefault(column, state);
    if (defaultValue !== null) parts.push(`DEFAULT ${defaultValue}`);
    return parts.join(" ");
}

function typePart(column: Column): string {
    if (column.generated === "increment") return serialKind(column).keyword;
    const type = columnTypeSql(column);
    return column.generated === "identity" ? `${type} GENERATED ${identityKindWord(column.identity)} AS IDENTITY` : type;
}

/** `COMMENT ON COLUMN` for a column that has a comment, else nothing. */
export function columnCommentSql(column: Column): string[] {
    return column.comment ? [setColumnCommentSql(column)] : [];
}

export function setColumnCommentSql(column: Column): string {
    return `COMMENT ON COLUMN ${tableName(column)}.${quoteIdentifier(column.name)} IS ${commentLiteral(column.comment)}`;
}
