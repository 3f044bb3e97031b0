import type { EmitterTable } from "../dialect";
import { emitAlterColumn } from "./alter-column";
import { emitAlterEnum } from "./alter-enum";
import { emitAddColumn, emitDropColumn } from "./columns";
import { addConstraint, checkBody, dropConstraint, exclusionBody, foreignKeyBody, primaryKeyBody, uniqueBody } from "./constraints";
import { emitCreateEnum, emitDropEnum } from "./enums";
import { emitCreateIndex, emitDropIndex } from "./indexes";
import { onlineCheck, onlineCreateIndex, onlineDropIndex, onlineForeignKey, onlineOn, onlineUnique } from "./online";
import { emitDeleteMetadataRow, emitInsertMetadataRow } from "./typeorm-metadata-table";
import { emitCreateExtension, emitCreateSchema, emitDropExtension, emitDropSchema } from "./schemas";
import { emitCreateTable, emitDropTable, emitSetTableComment } from "./table";
import { emitCreateView, emitDropView } from "./views";
import { emitRenameColumn, emitRenameConstraint, emitRenameEnum, emitRenameIndex, emitRenameTable } from "./renames";
import { sameTable } from "../../schema/keys";
import { backfillValue } from "../../diff/backfills";

export const postgresEmitters: EmitterTable = {
    createSchema: (op) => emitCreateSchema(op.schema),
    dropSchema: (op) => emitDropSchema(op.schema),
    createExtension: (op) => emitCreateExtension(op.extension),
    dropExtension: (op) => emitDropExtension(op.extension),
    createEnum: (op) => emitCreateEnum(op.enumType),
    dropEnum: (op) => emitDropEnum(op.enumType),
    alterEnum: (op, ctx) => emitAlterEnum(op.before, op.after, ctx),
    createTable: (op, ctx) => emitCreateTable(op.definition, ctx),
    dropTable: (op) => emitDropTable(op.definition),
    setTableComment: (op) => emitSetTableComment(op.before, op.after),
    addColumn: (op, ctx) => emitAddColumn(op.column, ctx, backfillValue(op)),
    dropColumn: (op) => emitDropColumn(op.column),
    alterColumn: (op, ctx) => emitAlterColumn(op.before, op.after, ctx, backfillValue(op)),
    addPrimaryKey: (op) => [addConstraint(op.primaryKey, primaryKeyBody(op.primaryKey))],
    dropPrimaryKey: (op) => [dropConstraint(op.primaryKey)],
    createIndex: (op, ctx) => (onlineOn(op.index, ctx) ? onlineCreateIndex(op.index) : emitCreateIndex(op.index)),
    dropIndex: (op, ctx) => (onlineOn(op.index, ctx) ? onlineDropIndex(op.index) : emitDropIndex(op.index)),
    addUnique: (op, ctx) => (onlineOn(op.unique, ctx) ? onlineUnique(op.unique) : [addConstraint(op.unique, uniqueBody(op.unique))]),
    dropUnique: (op) => [dropConstraint(op.unique)],
    addForeignKey: (op, ctx) =>
        onlineOn(op.foreignKey, ctx) ? onlineForeignKey(op.foreignKey) : [addConstraint(op.foreignKey, foreignKeyBody(op.foreignKey))],
    dropForeignKey: (op) => [dropConstraint(op.foreignKey)],
    addCheck: (op, ctx) => (onlineOn(op.check, ctx) ? onlineCheck(op.check) : [addConstraint(op.check, checkBody(op.check))]),
    dropCheck: (op) => [dropConstraint(op.check)],
    addExclusion: (op) => [addConstraint(op.exclusion, exclusionBody(op.exclusion))],
    dropExclusion: (op) => [dropConstraint(op.exclusion)],
    createView: (op) => emitCreateView(op.view),
    dropView: (op) => emitDropView(op.view),
    insertMetadataRow: (op, ctx) => emitInsertMetadataRow(op.row, ctx),
    deleteMetadataRow: (op, ctx) => emitDeleteMetadataRow(op.row, ctx),
    renameTable: (op, ctx) =>
        emitRenameTable(
            op.before,
            op.after,
            ctx.after.columns.filter((c) => sameTable(c, op.after)),
        ),
    renameColumn: (op) => emitRenameColumn(op.before, op.after),
    renameIndex: (op) => emitRenameIndex(op.before, op.after),
    renameConstraint: (op) => emitRenameConstraint(op.constraint, op.table, op.before, op.after),
    renameEnum: (op) => emitRenameEnum(op.before, op.after),
};
