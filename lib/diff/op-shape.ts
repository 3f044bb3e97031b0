import type { OpKind } from "./ops";

type FieldType = "string" | "object";

/**
 * The fields each op kind carries beyond `kind`, `reasons` and `risk`, and their JSON type. A `.json`
 * written by hand or by another tool is checked against this before its ops are replayed, so a
 * wrong shape is reported with its place instead of failing as a TypeError deep in the replay.
 */
const opFields: { readonly [K in OpKind]: Readonly<Record<string, FieldType>> } = {
    createSchema: { schema: "string" },
    dropSchema: { schema: "string" },
    createExtension: { extension: "string" },
    dropExtension: { extension: "string" },
    createEnum: { enumType: "object" },
    dropEnum: { enumType: "object" },
    alterEnum: { before: "object", after: "object" },
    createTable: { definition: "object" },
    dropTable: { definition: "object" },
    setTableComment: { before: "object", after: "object" },
    addColumn: { column: "object" },
    dropColumn: { column: "object" },
    alterColumn: { before: "object", after: "object" },
    addPrimaryKey: { primaryKey: "object" },
    dropPrimaryKey: { primaryKey: "object" },
    createIndex: { index: "object" },
    dropIndex: { index: "object" },
    addUnique: { unique: "object" },
    dropUnique: { unique: "object" },
    addForeignKey: { foreignKey: "object" },
    dropForeignKey: { foreignKey: "object" },
    addCheck: { check: "object" },
    dropCheck: { check: "object" },
    addExclusion: { exclusion: "object" },
    dropExclusion: { exclusion: "object" },
    createView: { view: "object" },
    dropView: { view: "object" },
    insertMetadataRow: { row: "object" },
    deleteMetadataRow: { row: "object" },
    renameTable: { before: "object", after: "object" },
    renameColumn: { before: "object", after: "object" },
    renameIndex: { before: "object", after: "object" },
    renameConstraint: { constraint: "string", table: "object", before: "string", after: "string" },
    renameEnum: { before: "object", after: "object" },
};

/** What is wrong with the shape of `op` (the delta's op number `position`, from 1), or null. */
export function opShapeProblem(op: unknown, position: number): string | null {
    if (typeof op !== "object" || op === null || Array.isArray(op)) return `op ${position} is not an object`;
    const { kind } = op as { kind?: unknown };
    if (typeof kind !== "string" || !Object.hasOwn(opFields, kind)) return `op ${position} has an unknown kind ${JSON.stringify(kind) ?? "(none)"}`;
    for (const [field, type] of Object.entries(opFields[kind as OpKind])) {
        const value = (op as Record<string, unknown>)[field];
        if (typeof value !== type || value === null) return `op ${position} (${kind}) has no ${type} "${field}"`;
    }
    return null;
}
