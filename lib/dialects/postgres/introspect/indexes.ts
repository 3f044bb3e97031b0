import type { UnkeptIndex } from "../../../catalog/expression-indexes";
import type { Index } from "../../../schema/model";
import type { IndexRow } from "./catalog-sql";
import { indexDefinitionParts } from "./index-key-list";

const SPATIAL_TYPES = /(^|\.)(geometry|geography)$/;

/**
 * The index as TypeORM describes it: btree is the default method (none); a GiST index over
 * PostGIS columns is a spatial index, which TypeORM writes as `USING gist`. Whether it was built
 * CONCURRENTLY is not kept. An index whose key list is more than its columns' names (expressions,
 * `DESC`, an operator class, a collation) keeps that list as the server prints it
 * (`lower((name)::text), id DESC`), and no columns.
 */
export function toIndex(row: IndexRow): Index {
    const spatial = row.method === "gist" && row.columnTypes.length > 0 && row.columnTypes.every((t) => SPATIAL_TYPES.test(t));
    const keyList = indexDefinitionParts(String(row.definition))?.keyList ?? null;
    const expression = keyList !== null && keyList !== String(row.plainKeyList) ? keyList : null;
    return {
        schema: String(row.schema),
        table: String(row.table),
        name: String(row.name),
        columns: expression === null ? [...row.columns] : [],
        unique: row.unique === true,
        where: row.where ?? null,
        type: row.method === "btree" || spatial ? null : String(row.method),
        spatial,
        fulltext: false,
        parser: null,
        concurrent: false,
        nullFiltered: false,
        ...(expression === null ? {} : { expression }),
    };
}

/**
 * What of the index the model cannot hold: a definition without a key list, or anything after the
 * list but its predicate (INCLUDE columns, NULLS NOT DISTINCT, storage parameters). None: [].
 */
export function unkeptIndex(row: IndexRow): UnkeptIndex[] {
    const definition = String(row.definition);
    const parts = indexDefinitionParts(definition);
    const unkept = (why: string): UnkeptIndex[] => [{ schema: String(row.schema), table: String(row.table), name: String(row.name), definition, why }];
    if (parts === null) return unkept("its definition has no key list to keep");
    const rest = parts.rest.trim();
    if (rest === "" || /^WHERE\s/.test(rest)) return [];
    return unkept(`the model keeps its key list and predicate only, not ${rest.replace(/\s+WHERE\s[\s\S]*$/, "")}`);
}
