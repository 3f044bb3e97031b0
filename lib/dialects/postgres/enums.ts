import type { EnumType } from "../../schema/model";
import type { Statement } from "../dialect";
import { qualifiedName, quoteLiteral } from "./quote";

export function enumTypeSql(enumType: EnumType): string {
    return qualifiedName(enumType.schema, enumType.name);
}

/** `CREATE TYPE "schema"."name" AS ENUM('a', 'b')`: the order of the values is the order of the type. */
export function createEnumSql(enumType: EnumType): string {
    return `CREATE TYPE ${enumTypeSql(enumType)} AS ENUM(${enumType.values.map(quoteLiteral).join(", ")})`;
}

export function emitCreateEnum(enumType: EnumType): Statement[] {
    return [{ sql: createEnumSql(enumType) }];
}

/** The columns using it were dropped or changed by earlier ops. */
export function emitDropEnum(enumType: EnumType): Statement[] {
    return [{ sql: `DROP TYPE ${enumTypeSql(enumType)}` }];
}
