import type { Column } from "../../schema/model";
import { UnsupportedMysqlSchemaError } from "./errors";
import { quoteLiteral } from "./quote";
import { charsetWord, collationWord, numberWord, typeWord } from "./sql-words";

/**
 * The column's data type as MySQL reads it: TypeORM's full type (`varchar(255)`, `decimal(10,2)`,
 * `datetime(6)`), an inline value list for `enum` and `set`, then UNSIGNED, CHARACTER SET and COLLATE.
 */
export function columnTypeSql(column: Column): string {
    if (column.array) throw new UnsupportedMysqlSchemaError(`${column.table}.${column.name}: MySQL has no array columns`);
    const parts = [baseTypeSql(column)];
    if (column.unsigned) parts.push("UNSIGNED");
    if (column.charset !== null) parts.push(`CHARACTER SET ${charsetWord(column.charset)}`);
    if (column.collation !== null) parts.push(`COLLATE ${collationWord(column.collation)}`);
    return parts.join(" ");
}

function baseTypeSql(column: Column): string {
    const type = typeWord(column.type);
    if (column.enum !== null) {
        if (column.enum.length === 0) throw new UnsupportedMysqlSchemaError(`${column.table}.${column.name}: an enum needs at least one value`);
        return `${type}(${column.enum.map(quoteLiteral).join(", ")})`;
    }
    if (column.length !== "") return `${type}(${numberWord(column.length, "length")})`;
    if (column.precision !== null && column.scale !== null) {
        return `${type}(${numberWord(column.precision, "precision")},${numberWord(column.scale, "scale")})`;
    }
    if (column.precision !== null) return `${type}(${numberWord(column.precision, "precision")})`;
    return type;
}
