import type { Schema } from "../../../schema/model";
import { clipToBytes, MAX_NAME_BYTES } from "../sequences";

// PostgreSQL keeps NAMEDATALEN - 1 bytes of an identifier and silently cuts the rest, never in
// the middle of a character.

const NAME_FIELDS = ["table", "name", "referencedTable", "enumName"] as const;
const NAME_LIST_FIELDS = ["columns", "referencedColumns", "dependsOn"] as const;

/**
 * The entities' names longer than PostgreSQL keeps: the model holds TypeORM's name (a table
 * `zoo_a_table_name_that_is_much_longer_than_postgres_allows_for_identifiers`), the catalog its
 * first 63 bytes. Each cut name that is the cut of exactly one longer name of the reference reads
 * as that name. Without a reference, names read as the catalog has them.
 */
export function restoreLongNames(schema: Schema, reference: Schema | undefined): Schema {
    return reference === undefined ? schema : renameAll(schema, longNamesOf(reference));
}

/** The reference with its long names cut as the catalog has them, to match entries by catalog name. */
export function cutLongNames(reference: Schema | undefined): Schema | undefined {
    if (reference === undefined) return undefined;
    return renameAll(reference, new Map([...longNamesOf(reference)].map(([cut, full]) => [full, cut])));
}

function renameAll(schema: Schema, names: ReadonlyMap<string, string>): Schema {
    if (names.size === 0) return schema;
    const restore = (name: string) => names.get(name) ?? name;
    const restoreEntry = <T extends object>(entry: T): T => {
        const result: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
        for (const field of NAME_FIELDS) if (typeof result[field] === "string") result[field] = restore(result[field]);
        for (const field of NAME_LIST_FIELDS) if (Array.isArray(result[field])) result[field] = (result[field] as string[]).map(restore);
        return result as T;
    };
    return {
        ...schema,
        enums: schema.enums.map(restoreEntry),
        tables: schema.tables.map(restoreEntry),
        columns: schema.columns.map(restoreEntry),
        primaryKeys: schema.primaryKeys.map(restoreEntry),
        indexes: schema.indexes.map(restoreEntry),
        uniques: schema.uniques.map(restoreEntry),
        foreignKeys: schema.foreignKeys.map(restoreEntry),
        checks: schema.checks.map(restoreEntry),
        exclusions: schema.exclusions.map(restoreEntry),
        views: schema.views.map(restoreEntry),
    };
}

/** Cut name → full name, for the reference's names too long to keep; a cut shared by two is left alone. */
function longNamesOf(reference: Schema): Map<string, string> {
    const names = new Set<string>();
    const collect = (entry: object) => {
        const record = entry as Record<string, unknown>;
        for (const field of NAME_FIELDS) if (typeof record[field] === "string") names.add(record[field]);
        for (const field of NAME_LIST_FIELDS) if (Array.isArray(record[field])) (record[field] as string[]).forEach((n) => names.add(n));
    };
    for (const list of [
        reference.enums,
        reference.tables,
        reference.columns,
        reference.primaryKeys,
        reference.indexes,
        reference.uniques,
        reference.foreignKeys,
        reference.checks,
        reference.exclusions,
        reference.views,
    ])
        list.forEach(collect);
    const byCut = new Map<string, string | null>();
    for (const name of names) {
        if (Buffer.byteLength(name, "utf8") <= MAX_NAME_BYTES) continue;
        const cut = clipToBytes(name, MAX_NAME_BYTES);
        byCut.set(cut, byCut.has(cut) && byCut.get(cut) !== name ? null : name);
    }
    return new Map([...byCut].filter((entry): entry is [string, string] => entry[1] !== null));
}
