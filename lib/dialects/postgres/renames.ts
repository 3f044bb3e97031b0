import type { ConstraintKind } from "../../diff/ops";
import type { Column, EnumType, Index, Table, TableRef } from "../../schema/model";
import type { Statement } from "../dialect";
import { serialSequenceBareName } from "./sequences";
import { qualifiedName, quoteIdentifier, tableName } from "./quote";

// PostgreSQL keeps a renamed table's SERIAL and identity sequences under their old
// `<table>_<column>_seq` names; synchronize() of the new entities would have the new ones.
const ownsSequence = (column: Column) => column.generated === "increment" || column.generated === "identity";

function renameSequence(schema: string, before: string, after: string): Statement[] {
    return before === after ? [] : [{ sql: `ALTER SEQUENCE ${qualifiedName(schema, before)} RENAME TO ${quoteIdentifier(after)}` }];
}

/** `ALTER TABLE ... RENAME TO`, and the sequences of its generated columns. */
export function emitRenameTable(before: Table, after: Table, columns: readonly Column[]): Statement[] {
    return [
        { sql: `ALTER TABLE ${tableName(before)} RENAME TO ${quoteIdentifier(after.table)}` },
        ...columns
            .filter(ownsSequence)
            .flatMap((column) =>
                renameSequence(after.schema, serialSequenceBareName(before.table, column.name), serialSequenceBareName(after.table, column.name)),
            ),
    ];
}

export function emitRenameColumn(before: Column, after: Column): Statement[] {
    return [
        { sql: `ALTER TABLE ${tableName(before)} RENAME COLUMN ${quoteIdentifier(before.name)} TO ${quoteIdentifier(after.name)}` },
        ...(ownsSequence(before)
            ? renameSequence(before.schema, serialSequenceBareName(before.table, before.name), serialSequenceBareName(after.table, after.name))
            : []),
    ];
}

export function emitRenameIndex(before: Index, after: Index): Statement[] {
    return [{ sql: `ALTER INDEX ${qualifiedName(before.schema, before.name)} RENAME TO ${quoteIdentifier(after.name)}` }];
}

/** Renaming a primary key or unique constraint renames its index too. */
export function emitRenameConstraint(_constraint: ConstraintKind, table: TableRef, before: string, after: string): Statement[] {
    return [{ sql: `ALTER TABLE ${tableName(table)} RENAME CONSTRAINT ${quoteIdentifier(before)} TO ${quoteIdentifier(after)}` }];
}

export function emitRenameEnum(before: EnumType, after: EnumType): Statement[] {
    return [{ sql: `ALTER TYPE ${qualifiedName(before.schema, before.name)} RENAME TO ${quoteIdentifier(after.name)}` }];
}
