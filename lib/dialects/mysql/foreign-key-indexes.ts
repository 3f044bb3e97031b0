import { sameTable } from "../../schema/keys";
import type { ForeignKey, Index, Schema, TableRef } from "../../schema/model";

// InnoDB needs an index whose leading columns are a foreign key's columns, in order. When the
// table has none, ADD FOREIGN KEY creates one named after the constraint; a covering index added
// later silently replaces it; DROP FOREIGN KEY leaves it behind; and an index a foreign key needs
// cannot be dropped. synchronize() never meets the last two, so the emitters mirror them here.

// A column indexed by a prefix only (`name(10)`) serves no foreign key.

/** Column lists of the B-tree indexes, unique indexes and primary key of the table in `schema`, each up to its first prefix. */
function indexColumnLists(schema: Schema, ref: TableRef, except?: Index): (readonly string[])[] {
    const indexes = schema.indexes.filter((i) => sameTable(i, ref) && !i.fulltext && !i.spatial && i.name !== except?.name);
    return [
        ...indexes.map(wholeLeadingColumns),
        ...schema.uniques.filter((u) => sameTable(u, ref)).map((u) => u.columns),
        ...schema.primaryKeys.filter((pk) => sameTable(pk, ref)).map((pk) => pk.columns),
    ];
}

function leads(columns: readonly string[], fk: ForeignKey): boolean {
    return fk.columns.length <= columns.length && fk.columns.every((name, i) => columns[i] === name);
}

function wholeLeadingColumns(index: Index): readonly string[] {
    const firstPrefix = index.lengths?.findIndex((length) => length !== null) ?? -1;
    return firstPrefix < 0 ? index.columns : index.columns.slice(0, firstPrefix);
}

/** Whether an index of the model (not the one InnoDB made) serves `fk` in `schema`. */
export function coveredByModelIndex(schema: Schema, fk: ForeignKey, except?: Index): boolean {
    return indexColumnLists(schema, fk, except).some((columns) => leads(columns, fk));
}

/** Foreign keys of `schema` that `index` serves and no other index of the model does. */
export function foreignKeysOnlyServedBy(schema: Schema, index: Index): ForeignKey[] {
    if (index.fulltext || index.spatial) return [];
    return schema.foreignKeys.filter((fk) => sameTable(fk, index) && leads(wholeLeadingColumns(index), fk) && !coveredByModelIndex(schema, fk, index));
}
