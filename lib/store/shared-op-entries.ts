import type { OpKind, OpOfKind, TableDefinition } from "../diff/ops";
import type { entryListKeys } from "../schema/keys";
import type { EntrySharing } from "../schema/shared-entries";

type ListName = keyof typeof entryListKeys;

/**
 * The fields of each op that put an entry into the state it is replayed onto, and the schema list
 * the entry goes to. What a drop holds leaves the state; the entries a rename moves along with a
 * table or column (its indexes, keys, foreign keys) are made anew as it applies.
 */
const addedEntries: { readonly [K in OpKind]: readonly (readonly [field: keyof OpOfKind<K> & string, list: ListName])[] } = {
    createSchema: [],
    dropSchema: [],
    createExtension: [],
    dropExtension: [],
    createEnum: [["enumType", "enums"]],
    dropEnum: [],
    alterEnum: [["after", "enums"]],
    createTable: [],
    dropTable: [],
    setTableComment: [["after", "tables"]],
    addColumn: [["column", "columns"]],
    dropColumn: [],
    alterColumn: [["after", "columns"]],
    addPrimaryKey: [["primaryKey", "primaryKeys"]],
    dropPrimaryKey: [],
    createIndex: [["index", "indexes"]],
    dropIndex: [],
    addUnique: [["unique", "uniques"]],
    dropUnique: [],
    addForeignKey: [["foreignKey", "foreignKeys"]],
    dropForeignKey: [],
    addCheck: [["check", "checks"]],
    dropCheck: [],
    addExclusion: [["exclusion", "exclusions"]],
    dropExclusion: [],
    createView: [["view", "views"]],
    dropView: [],
    insertMetadataRow: [["row", "metadataRows"]],
    deleteMetadataRow: [],
    renameTable: [["after", "tables"]],
    renameColumn: [["after", "columns"]],
    renameIndex: [["after", "indexes"]],
    renameConstraint: [],
    renameEnum: [["after", "enums"]],
};

/** A created table's definition: each part and its list. */
const definitionParts: readonly (readonly [field: keyof TableDefinition, list: ListName])[] = [
    ["table", "tables"],
    ["columns", "columns"],
    ["primaryKey", "primaryKeys"],
    ["uniques", "uniques"],
    ["checks", "checks"],
];

/**
 * Puts `sharing`'s equal entries in place of those an op just parsed from a delta would add (a
 * 10,000-table initial delta replayed holds every column of the state). In place, before the
 * delta is checked: anything of another shape is left as it is, for the check to name.
 */
export function shareOpEntries(op: Record<string, unknown>, sharing: EntrySharing): void {
    const kind = op.kind;
    if (typeof kind !== "string" || !Object.hasOwn(addedEntries, kind)) return;
    if (kind === "createTable") {
        const definition = op.definition;
        if (typeof definition === "object" && definition !== null) shareFields(definition as Record<string, unknown>, definitionParts, sharing);
        return;
    }
    shareFields(op, addedEntries[kind as OpKind], sharing);
}

function shareFields(holder: Record<string, unknown>, fields: readonly (readonly [string, ListName])[], sharing: EntrySharing): void {
    for (const [field, list] of fields) {
        const value = holder[field];
        if (Array.isArray(value)) {
            const entries: unknown[] = value;
            for (let i = 0; i < entries.length; i++) entries[i] = sharing.share(list, entries[i]);
            continue;
        }
        const shared = sharing.share(list, value);
        if (shared !== value) holder[field] = shared;
    }
}
