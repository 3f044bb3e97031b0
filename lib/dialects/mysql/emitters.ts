import { backfillValue } from "../../diff/backfills";
import type { EmitterTable, Statement } from "../dialect";
import { emitAddColumn, emitAlterColumn, emitDropColumn } from "./columns";
import { emitAddCheck, emitDropCheck } from "./constraints";
import { UnsupportedMysqlSchemaError } from "./errors";
import { emitAddForeignKey, emitDropForeignKey } from "./foreign-keys";
import { asUniqueIndex, emitCreateIndex, emitDropIndex, emitRenameIndex } from "./indexes";
import { emitDeleteMetadataRow, emitInsertMetadataRow } from "./typeorm-metadata-table";
import { emitAddPrimaryKey, emitDropPrimaryKey } from "./primary-keys";
import { emitRenameColumn, emitRenameConstraint, emitRenameTable } from "./renames";
import { emitCreateTable, emitDropTable, emitSetTableComment } from "./table";
import { emitCreateView, emitDropView } from "./views";

/** Refuses an op for an object MySQL does not have, instead of emitting nothing for it. */
const unsupported = (what: string) => (): Statement[] => {
    throw new UnsupportedMysqlSchemaError(`MySQL has no ${what}`);
};

export const mysqlEmitters: EmitterTable = {
    createSchema: unsupported("schemas inside a database (a MySQL schema is a database)"),
    dropSchema: unsupported("schemas inside a database (a MySQL schema is a database)"),
    createExtension: unsupported("extensions"),
    dropExtension: unsupported("extensions"),
    // An enum is a column type here (`enum('a','b')`), changed with its column.
    createEnum: unsupported("enum types (an enum is written inline with its column)"),
    dropEnum: unsupported("enum types (an enum is written inline with its column)"),
    alterEnum: unsupported("enum types (an enum is written inline with its column)"),
    renameEnum: unsupported("enum types (an enum is written inline with its column)"),
    addExclusion: unsupported("exclusion constraints"),
    dropExclusion: unsupported("exclusion constraints"),
    createTable: (op) => emitCreateTable(op.definition),
    dropTable: (op) => emitDropTable(op.definition),
    setTableComment: (op) => emitSetTableComment(op.before, op.after),
    addColumn: (op, ctx) => emitAddColumn(op.column, ctx, backfillValue(op)),
    dropColumn: (op, ctx) => emitDropColumn(op.column, ctx),
    alterColumn: (op, ctx) => emitAlterColumn(op.before, op.after, ctx, backfillValue(op)),
    addPrimaryKey: (op, ctx) => emitAddPrimaryKey(op.primaryKey, ctx),
    dropPrimaryKey: (op, ctx) => emitDropPrimaryKey(op.primaryKey, ctx),
    createIndex: (op) => emitCreateIndex(op.index),
    dropIndex: (op, ctx) => emitDropIndex(op.index, ctx),
    addUnique: (op) => emitCreateIndex(asUniqueIndex(op.unique)),
    dropUnique: (op, ctx) => emitDropIndex(asUniqueIndex(op.unique), ctx),
    addForeignKey: (op) => emitAddForeignKey(op.foreignKey),
    dropForeignKey: (op, ctx) => emitDropForeignKey(op.foreignKey, ctx),
    addCheck: (op) => emitAddCheck(op.check),
    dropCheck: (op) => emitDropCheck(op.check),
    createView: (op) => emitCreateView(op.view),
    dropView: (op) => emitDropView(op.view),
    insertMetadataRow: (op, ctx) => emitInsertMetadataRow(op.row, ctx),
    deleteMetadataRow: (op, ctx) => emitDeleteMetadataRow(op.row, ctx),
    renameTable: (op) => emitRenameTable(op.before, op.after),
    renameColumn: (op) => emitRenameColumn(op.before, op.after),
    renameIndex: (op) => emitRenameIndex(op.before, op.after),
    renameConstraint: (op, ctx) => emitRenameConstraint(op.constraint, op.table, op.before, op.after, ctx),
};
