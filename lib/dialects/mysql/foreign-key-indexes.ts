import { sameTable } from "../../schema/keys";
import type { ForeignKey, Index, Schema, TableRef } from "../../schema/model";

// InnoDB needs an index whose leading columns are a foreign key's columns, in order. When the
// table has none, ADD FOREIGN KEY creates one named after the constraint; a covering index added
// later silently replaces it; DROP FOREIGN KEY leaves it behind; and an index a foreign key needs
// cannot be dropped. synchronize() never meets the last two, so the emitters mirror them here.
// The covering index may be another foreign key's own: (cityId) is served by the index InnoDB made
// for (cityId, countryCode), whichever of the two was added first.

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

/** A longer foreign key of the table whose columns lead with `fk`'s: the index InnoDB made for it serves `fk` too. */
function coveredByLongerForeignKey(schema: Schema, fk: ForeignKey): boolean {
    return schema.foreignKeys.some((other) => sameTable(other, fk) && other.columns.length > fk.columns.length && leads(other.columns, fk));
}

/** Whether InnoDB keeps an index of its own, named as the constraint, for `fk` in `schema`. */
export function ownsImplicitIndex(schema: Schema, fk: ForeignKey): boolean {
    return !coveredByModelIndex(schema, fk) && !coveredByLongerForeignKey(schema, fk);
}

/** Foreign keys of `schema` that only the index InnoDB made for `fk` serves: shorter ones on its leading columns. */
export function foreignKeysLeaningOn(schema: Schema, fk: ForeignKey): ForeignKey[] {
    if (!ownsImplicitIndex(schema, fk)) return [];
    const without: Schema = { ...schema, foreignKeys: schema.foreignKeys.filter((other) => other !== fk) };
    return without.foreignKeys.filter(
        (other) => sameTable(other, fk) && other.columns.length < fk.columns.length && leads(fk.columns, other) && ownsImplicitIndex(without, other),
    );
}

/** Foreign keys of `schema` that `index` serves and no other index of the model does. */
export function foreignKeysOnlyServedBy(schema: Schema, index: Index): ForeignKey[] {
    if (index.fulltext || index.spatial) return [];
    return schema.foreignKeys.filter((fk) => sameTable(fk, index) && leads(wholeLeadingColumns(index), fk) && !coveredByModelIndex(schema, fk, index));
}
