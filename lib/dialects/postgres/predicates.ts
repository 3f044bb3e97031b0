import type { Check, Column, Index, Schema } from "../../schema/model";
import { memberKey, sameTable } from "../../schema/keys";
import { addConstraint, checkBody, dropConstraint } from "./constraints";
import { emitCreateIndex, emitDropIndex } from "./indexes";

/**
 * CHECKs and partial-index predicates that mention a column. PostgreSQL stores their literals
 * typed with the column's type (`'published'::post_status_enum`) and re-parses them when the
 * column changes type; after an enum type is swapped for a new one that fails ("operator does not
 * exist: new = old"). So they are dropped before and written again, from the model's SQL, after.
 */
export interface Predicates {
    readonly indexes: readonly Index[];
    readonly checks: readonly Check[];
}

export const noPredicates: Predicates = { indexes: [], checks: [] };

/** Those of `columns` (deduplicated); a mention is any occurrence of the name, so one too many is harmless. */
export function predicatesMentioning(schema: Schema, columns: readonly Column[]): Predicates {
    const mentions = (sql: string | null, column: Column) => sql !== null && sql.toLowerCase().includes(column.name.toLowerCase());
    const pick = <T extends Index | Check>(list: readonly T[], sql: (item: T) => string | null): T[] => {
        const picked = list.filter((item) => columns.some((column) => sameTable(item, column) && mentions(sql(item), column)));
        return [...new Map(picked.map((item) => [memberKey(item), item])).values()];
    };
    return {
        indexes: pick(schema.indexes, (index) => index.where),
        checks: pick(schema.checks, (check) => check.expression),
    };
}

export function dropPredicatesSql(predicates: Predicates): string[] {
    return [
        ...predicates.checks.map((check) => dropConstraint(check).sql),
        ...predicates.indexes.flatMap((index) => emitDropIndex({ ...index, concurrent: false }).map((s) => s.sql)),
    ];
}

export function restorePredicatesSql(predicates: Predicates): string[] {
    return [
        ...predicates.checks.map((check) => addConstraint(check, checkBody(check)).sql),
        ...predicates.indexes.flatMap((index) => emitCreateIndex({ ...index, concurrent: false }).map((s) => s.sql)),
    ];
}
