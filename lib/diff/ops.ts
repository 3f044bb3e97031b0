import type { Check, Column, EnumType, Exclusion, ForeignKey, Index, MetadataRow, PrimaryKey, Table, TableRef, Unique, View } from "../schema/model";

/**
 * How much an op can hurt data:
 * - `safe`: never fails and loses nothing;
 * - `data-dependent`: may fail on existing rows (NOT NULL on a filled table, a new unique index);
 * - `destructive`: removes data (drops, narrowing).
 */
export type Risk = "safe" | "data-dependent" | "destructive";

interface OpBase {
    /** Why the differ emitted this op, in words a user can check (`default: now() → CURRENT_TIMESTAMP`). */
    readonly reasons: readonly string[];
    readonly risk: Risk;
}

/** Everything CREATE TABLE carries inline; indexes and foreign keys are separate ops. */
export interface TableDefinition {
    readonly table: Table;
    readonly columns: readonly Column[];
    readonly primaryKey: PrimaryKey | null;
    readonly uniques: readonly Unique[];
    readonly checks: readonly Check[];
}

export interface CreateSchemaOp extends OpBase {
    readonly kind: "createSchema";
    readonly schema: string;
}
export interface DropSchemaOp extends OpBase {
    readonly kind: "dropSchema";
    readonly schema: string;
}
export interface CreateExtensionOp extends OpBase {
    readonly kind: "createExtension";
    readonly extension: string;
}
export interface DropExtensionOp extends OpBase {
    readonly kind: "dropExtension";
    readonly extension: string;
}
export interface CreateEnumOp extends OpBase {
    readonly kind: "createEnum";
    readonly enumType: EnumType;
}
export interface DropEnumOp extends OpBase {
    readonly kind: "dropEnum";
    readonly enumType: EnumType;
}
export interface AlterEnumOp extends OpBase {
    readonly kind: "alterEnum";
    readonly before: EnumType;
    readonly after: EnumType;
}
export interface CreateTableOp extends OpBase {
    readonly kind: "createTable";
    readonly definition: TableDefinition;
}
export interface DropTableOp extends OpBase {
    readonly kind: "dropTable";
    readonly definition: TableDefinition;
}
export interface SetTableCommentOp extends OpBase {
    readonly kind: "setTableComment";
    readonly before: Table;
    readonly after: Table;
}
/**
 * A value (an SQL expression) for the rows already in the table, where the column becomes NOT NULL
 * without a default to fill them: the user's one-off answer, written as an `UPDATE` before the
 * constraint. A default, when there is one, fills them without this.
 */
export interface Backfilled {
    readonly backfill?: string;
}

export interface AddColumnOp extends OpBase, Backfilled {
    readonly kind: "addColumn";
    readonly column: Column;
}
export interface DropColumnOp extends OpBase {
    readonly kind: "dropColumn";
    readonly column: Column;
}
export interface AlterColumnOp extends OpBase, Backfilled {
    readonly kind: "alterColumn";
    readonly before: Column;
    readonly after: Column;
}
export interface AddPrimaryKeyOp extends OpBase {
    readonly kind: "addPrimaryKey";
    readonly primaryKey: PrimaryKey;
}
export interface DropPrimaryKeyOp extends OpBase {
    readonly kind: "dropPrimaryKey";
    readonly primaryKey: PrimaryKey;
}
export interface CreateIndexOp extends OpBase {
    readonly kind: "createIndex";
    readonly index: Index;
}
export interface DropIndexOp extends OpBase {
    readonly kind: "dropIndex";
    readonly index: Index;
}
export interface AddUniqueOp extends OpBase {
    readonly kind: "addUnique";
    readonly unique: Unique;
}
export interface DropUniqueOp extends OpBase {
    readonly kind: "dropUnique";
    readonly unique: Unique;
}
export interface AddForeignKeyOp extends OpBase {
    readonly kind: "addForeignKey";
    readonly foreignKey: ForeignKey;
}
export interface DropForeignKeyOp extends OpBase {
    readonly kind: "dropForeignKey";
    readonly foreignKey: ForeignKey;
}
export interface AddCheckOp extends OpBase {
    readonly kind: "addCheck";
    readonly check: Check;
}
export interface DropCheckOp extends OpBase {
    readonly kind: "dropCheck";
    readonly check: Check;
}
export interface AddExclusionOp extends OpBase {
    readonly kind: "addExclusion";
    readonly exclusion: Exclusion;
}
export interface DropExclusionOp extends OpBase {
    readonly kind: "dropExclusion";
    readonly exclusion: Exclusion;
}
export interface CreateViewOp extends OpBase {
    readonly kind: "createView";
    readonly view: View;
}
export interface DropViewOp extends OpBase {
    readonly kind: "dropView";
    readonly view: View;
}
/** The table's identity changes; everything on it and every foreign key to it follows. */
export interface RenameTableOp extends OpBase {
    readonly kind: "renameTable";
    readonly before: Table;
    readonly after: Table;
}
/** Only the name changes (other attribute changes come as an `alterColumn` after it). */
export interface RenameColumnOp extends OpBase {
    readonly kind: "renameColumn";
    readonly before: Column;
    readonly after: Column;
}
export interface RenameIndexOp extends OpBase {
    readonly kind: "renameIndex";
    readonly before: Index;
    readonly after: Index;
}
export type ConstraintKind = "primaryKey" | "unique" | "foreignKey" | "check" | "exclusion";
/** A constraint whose definition stays and whose (usually derived) name changes. */
export interface RenameConstraintOp extends OpBase {
    readonly kind: "renameConstraint";
    readonly constraint: ConstraintKind;
    readonly table: TableRef;
    readonly before: string;
    readonly after: string;
}
export interface RenameEnumOp extends OpBase {
    readonly kind: "renameEnum";
    readonly before: EnumType;
    readonly after: EnumType;
}
export interface InsertMetadataRowOp extends OpBase {
    readonly kind: "insertMetadataRow";
    readonly row: MetadataRow;
}
export interface DeleteMetadataRowOp extends OpBase {
    readonly kind: "deleteMetadataRow";
    readonly row: MetadataRow;
}

export type Op =
    | CreateSchemaOp
    | DropSchemaOp
    | CreateExtensionOp
    | DropExtensionOp
    | CreateEnumOp
    | DropEnumOp
    | AlterEnumOp
    | CreateTableOp
    | DropTableOp
    | SetTableCommentOp
    | AddColumnOp
    | DropColumnOp
    | AlterColumnOp
    | AddPrimaryKeyOp
    | DropPrimaryKeyOp
    | CreateIndexOp
    | DropIndexOp
    | AddUniqueOp
    | DropUniqueOp
    | AddForeignKeyOp
    | DropForeignKeyOp
    | AddCheckOp
    | DropCheckOp
    | AddExclusionOp
    | DropExclusionOp
    | CreateViewOp
    | DropViewOp
    | InsertMetadataRowOp
    | DeleteMetadataRowOp
    | RenameTableOp
    | RenameColumnOp
    | RenameIndexOp
    | RenameConstraintOp
    | RenameEnumOp;

/** Renames that change where things are (tables, columns); a migration runs them before anything else. */
export type StructuralRenameOp = RenameTableOp | RenameColumnOp;

export function isStructuralRename(op: Op): op is StructuralRenameOp {
    return op.kind === "renameTable" || op.kind === "renameColumn";
}

export type OpKind = Op["kind"];
export type OpOfKind<K extends OpKind> = Extract<Op, { kind: K }>;

/** A table exhaustive over op kinds: adding a kind without handling it fails to compile. */
export type OpTable<R> = { readonly [K in OpKind]: (op: OpOfKind<K>) => R };

/** Calls the entry of `table` for `op`'s kind, keeping the op's type. */
export function dispatchOp<R>(table: OpTable<R>, op: Op): R {
    return (table[op.kind] as (op: Op) => R)(op);
}
