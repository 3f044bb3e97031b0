import type { EmitterTable, Statement } from "../dialect";
import { emitCreateTable } from "./create-table";
import { emitDropTable } from "./drop-table";
import { emitCreateIndex, emitDropIndex } from "./indexes";
import { emitDeleteMetadataRow, emitInsertMetadataRow } from "./typeorm-metadata-table";
import { emitTableChange } from "./table-change";
import { UnsupportedSqliteSchemaError } from "./errors";
import { emitRenameColumn, emitRenameTable } from "./renames";
import { createViewStatement, dropViewStatement } from "./views";

/** SQLite has no schemas, no extensions and no enum types (an enum is a CHECK written with its column). */
const nothing = (): Statement[] => [];

const unsupportedExclusion = (): Statement[] => {
    throw new UnsupportedSqliteSchemaError("SQLite has no exclusion constraints");
};

export const sqliteEmitters: EmitterTable = {
    createSchema: nothing,
    dropSchema: nothing,
    createExtension: nothing,
    dropExtension: nothing,
    createEnum: nothing,
    dropEnum: nothing,
    alterEnum: nothing,
    createTable: (op, ctx) => emitCreateTable(op.definition, ctx),
    dropTable: (op, ctx) => emitDropTable(op.definition.table, ctx),
    // SQLite keeps no table comment; the op may still change table options (WITHOUT ROWID).
    setTableComment: (op, ctx) => emitTableChange(op.after, ctx),
    addColumn: (op, ctx) => emitTableChange(op.column, ctx),
    dropColumn: (op, ctx) => emitTableChange(op.column, ctx),
    alterColumn: (op, ctx) => emitTableChange(op.after, ctx),
    addPrimaryKey: (op, ctx) => emitTableChange(op.primaryKey, ctx),
    dropPrimaryKey: (op, ctx) => emitTableChange(op.primaryKey, ctx),
    addUnique: (op, ctx) => emitTableChange(op.unique, ctx),
    dropUnique: (op, ctx) => emitTableChange(op.unique, ctx),
    addCheck: (op, ctx) => emitTableChange(op.check, ctx),
    dropCheck: (op, ctx) => emitTableChange(op.check, ctx),
    addForeignKey: (op, ctx) => emitTableChange(op.foreignKey, ctx),
    dropForeignKey: (op, ctx) => emitTableChange(op.foreignKey, ctx),
    addExclusion: unsupportedExclusion,
    dropExclusion: unsupportedExclusion,
    createIndex: (op, ctx) => emitCreateIndex(op.index, ctx),
    dropIndex: (op, ctx) => emitDropIndex(op.index, ctx),
    createView: (op) => [createViewStatement(op.view)],
    dropView: (op) => [dropViewStatement(op.view)],
    insertMetadataRow: (op, ctx) => emitInsertMetadataRow(op.row, ctx),
    deleteMetadataRow: (op, ctx) => emitDeleteMetadataRow(op.row, ctx),
    renameTable: (op) => emitRenameTable(op.before, op.after),
    renameColumn: (op) => emitRenameColumn(op.before, op.after),
    // SQLite cannot rename an index or a constraint in place: the index is re-created, and the
    // table, whose CREATE TABLE holds the constraint names, is rebuilt.
    renameIndex: (op, ctx) => [...emitDropIndex(op.before, ctx), ...emitCreateIndex(op.after, ctx)],
    renameConstraint: (op, ctx) => emitTableChange(op.table, ctx),
    renameEnum: nothing,
};
