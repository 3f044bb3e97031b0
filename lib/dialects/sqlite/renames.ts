import type { Column, Table } from "../../schema/model";
import type { Statement } from "../dialect";
import { quoteIdentifier } from "./quote";

// Since SQLite 3.26 (legacy_alter_table off), both renames also rewrite the references to the
// table or column in other tables' foreign keys, in indexes, triggers and views.

export function emitRenameTable(before: Table, after: Table): Statement[] {
    return [{ sql: `ALTER TABLE ${quoteIdentifier(before.table)} RENAME TO ${quoteIdentifier(after.table)}` }];
}

export function emitRenameColumn(before: Column, after: Column): Statement[] {
    return [{ sql: `ALTER TABLE ${quoteIdentifier(before.table)} RENAME COLUMN ${quoteIdentifier(before.name)} TO ${quoteIdentifier(after.name)}` }];
}
