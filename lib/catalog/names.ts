import type { PrimaryKey, Schema } from "../schema/model";
import { tableKey } from "../schema/keys";
import { deepEqual } from "../schema/equal";

/**
 * Names a database does not keep, taken from the reference: a primary key on SQLite (none is
 * stored) and on MySQL (always `PRIMARY`), where the model holds TypeORM's `PK_...` name. The
 * reference's name is adopted for a primary key over the same columns; otherwise the reader's
 * (the data source's naming strategy) stands.
 */
export function adoptNames(schema: Schema, reference: Schema | undefined): Schema {
    if (reference === undefined) return schema;
    const declared = new Map(reference.primaryKeys.map((pk) => [tableKey(pk), pk]));
    const named = (pk: PrimaryKey): PrimaryKey => {
        const other = declared.get(tableKey(pk));
        return other !== undefined && deepEqual(other.columns, pk.columns) ? { ...pk, name: other.name } : pk;
    };
    return { ...schema, primaryKeys: schema.primaryKeys.map(named) };
}
