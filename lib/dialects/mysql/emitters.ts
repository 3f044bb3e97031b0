import { backfillValue } from "../../diff/backfills";
import type { EmitterTable, Statement } from "../dialect";
import { emitAddColumn, emitAlterColumn, emitDropColumn } from "./columns";
import { emitAddCheck, emitDropCheck } from "./constraints";
import { UnsupportedMysqlSchemaError } from "./errors";
import { emitAddForeignKey, emitDropForeignKey } from "./foreign-keys";
import { asUniqueIndex, emitCreateIndex, emitDropIndex, emitRenameIndex } from "./indexes";
import { emitDeleteMetadataRow, emitInsertMetadataRow } from "./typeorm-metadata-table";
import { online } from "./online";
import { emitAddPrimaryKey, emitDropPrimaryKey, keyClausesDroppingColumn } from "./primary-keys";
import { emitRenameColumn, emitRenameConstraint, emitRenameTable } from "./renames";
import { copiesTable, emitCreateTable, emitDropTable, emitSetTableOptions } from "./table";
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
    // ENGINE= and a new collation copy the table whatever the lock table says of a comment: no clause then.
    setTableComment: (op, ctx) =>
        copiesTable(op.before, op.after)
            ? emitSetTableOptions(op.before, op.after, ctx)
            : online(op, op.after, ctx, emitSetTableOptions(op.before, op.after, ctx)),
    addColumn: (op, ctx) => online(op, op.column, ctx, emitAddColumn(op.column, ctx, backfillValue(op))),
    // Dropping the key's AUTO_INCREMENT column changes the primary key too (not INSTANT): no clause then.
    dropColumn: (op, ctx) =>
        keyClausesDroppingColumn(op.column, ctx).before.length > 0
            ? emitDropColumn(op.column, ctx)
            : online(op, op.column, ctx, emitDropColumn(op.column, ctx)),
    alterColumn: (op, ctx) => online(op, op.after, ctx, emitAlterColumn(op.before, op.after, ctx, backfillValue(op))),
    addPrimaryKey: (op, ctx) => online(op, op.primaryKey, ctx, emitAddPrimaryKey(op.primaryKey, ctx)),
    dropPrimaryKey: (op, ctx) => online(op, op.primaryKey, ctx, emitDropPrimaryKey(op.primaryKey, ctx)),
    createIndex: (op, ctx) => online(op, op.index, ctx, emitCreateIndex(op.index)),
    dropIndex: (op, ctx) => online(op, op.index, ctx, emitDropIndex(op.index, ctx)),
    addUnique: (op, ctx) => online(op, op.unique, ctx, emitCreateIndex(asUniqueIndex(op.unique))),
    dropUnique: (op, ctx) => online(op, op.unique, ctx, emitDropIndex(asUniqueIndex(op.unique), ctx)),
    addForeignKey: (op, ctx) => online(op, op.foreignKey, ctx, emitAddForeignKey(op.foreignKey)),
    dropForeignKey: (op, ctx) => online(op, op.foreignKey, ctx, emitDropForeignKey(op.foreignKey, ctx)),
    addCheck: (op, ctx) => online(op, op.check, ctx, emitAddCheck(op.check)),
    dropCheck: (op, ctx) => online(op, op.check, ctx, emitDropCheck(op.check)),
    createView: (op) => emitCreateView(op.view),
    dropView: (op) => emitDropView(op.view),
    insertMetadataRow: (op, ctx) => emitInsertMetadataRow(op.row, ctx),
    deleteMetadataRow: (op, ctx) => emitDeleteMetadataRow(op.row, ctx),
    renameTable: (op) => emitRenameTable(op.before, op.after),
    renameColumn: (op, ctx) => online(op, op.after, ctx, emitRenameColumn(op.before, op.after)),
    renameIndex: (op, ctx) => online(op, op.after, ctx, emitRenameIndex(op.before, op.after)),
    renameConstraint: (op, ctx) => online(op, op.table, ctx, emitRenameConstraint(op.constraint, op.table, op.before, op.after, ctx)),
};
