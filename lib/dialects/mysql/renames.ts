import type { ConstraintKind } from "../../diff/ops";
import { sameTable } from "../../schema/keys";
import type { Check, Column, Table, TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { emitAddCheck, emitDropCheck } from "./constraints";
import { UnsupportedMysqlSchemaError } from "./errors";
import { emitRenameForeignKey } from "./foreign-keys";
import { quoteIdentifier, tableName } from "./quote";

/** Foreign keys to and from the table follow it; their names, derived from it, are renamed by later ops. */
export function emitRenameTable(before: Table, after: Table): Statement[] {
    return [{ sql: `RENAME TABLE ${tableName(before)} TO ${tableName(after)}` }];
}

/** `RENAME COLUMN` (MySQL 8.0, MariaDB 10.5.2) keeps the definition as it is. */
export function emitRenameColumn(before: Column, after: Column): Statement[] {
    return [{ sql: `ALTER TABLE ${tableName(before)} RENAME COLUMN ${quoteIdentifier(before.name)} TO ${quoteIdentifier(after.name)}` }];
}

/**
 * A unique is an index and is renamed as one; a primary key is always named PRIMARY, so nothing
 * changes; foreign keys and checks cannot be renamed, so they are dropped and added again.
 */
export function emitRenameConstraint(constraint: ConstraintKind, table: TableRef, before: string, after: string, ctx: EmitContext): Statement[] {
    switch (constraint) {
        case "primaryKey":
            return [];
        case "unique":
            return [{ sql: `ALTER TABLE ${tableName(table)} RENAME INDEX ${quoteIdentifier(before)} TO ${quoteIdentifier(after)}` }];
        case "foreignKey":
            return emitRenameForeignKey(table, before, after, ctx);
        case "check": {
            const find = (list: readonly Check[], name: string) => list.filter((c) => sameTable(c, table) && c.name === name);
            return [...find(ctx.before.checks, before).flatMap(emitDropCheck), ...find(ctx.after.checks, after).flatMap(emitAddCheck)];
        }
        case "exclusion":
            throw new UnsupportedMysqlSchemaError("MySQL has no exclusion constraints");
    }
}
