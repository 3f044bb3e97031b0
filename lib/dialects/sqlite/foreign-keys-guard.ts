import { sameTable, tableKey } from "../../schema/keys";
import type { ForeignKey, TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { hasTable, requireShape } from "./table-shape";
import { databaseShape } from "./table-plan";

// With foreign keys ON, DROP TABLE first deletes every row, firing the ON DELETE actions of the
// rows that reference it. The pragma is a no-op inside a transaction, and TypeORM's own
// `migration:revert` (and `migration:run` with `transaction: "none"`) leave it ON. So when
// foreign keys are ON and rows do reference the table, the migration fails on purpose:
// json_extract() rejects the path, and the path is the message. Otherwise it selects nothing.

/** Before a rebuild drops the old table; a self-reference counts (the temporary copy has it too). */
export function rebuildGuard(ctx: EmitContext, ref: TableRef): Statement[] {
    const source = requireShape(ctx.start, ref);
    const copied = requireShape(ctx.after, ref).foreignKeys.filter((fk) => fk.columns.every((name) => source.columns.some((c) => c.name === name)));
    return guard("rebuilding", ref, [...referencingInDatabase(ctx, ref), ...copied]);
}

/** Before DROP TABLE, for the tables that stay and still reference it. */
export function dropGuard(ctx: EmitContext, ref: TableRef): Statement[] {
    const fromSurvivors = referencingInDatabase(ctx, ref).filter((fk) => !sameTable(fk, ref) && hasTable(ctx.end, fk));
    return guard("dropping", ref, fromSurvivors);
}

function guard(what: string, ref: TableRef, referencing: readonly ForeignKey[]): Statement[] {
    const rowChecks = [...new Set(referencing.filter((fk) => references(fk, ref)).map(referencingRowsExist))];
    if (rowChecks.length === 0) return [];
    const message =
        `${what} table ${ref.table} needs PRAGMA foreign_keys = OFF before the transaction begins, ` + `or ON DELETE changes the rows that reference it`;
    return [
        {
            sql: `SELECT json_extract('{}', ${quoteLiteral(message)}) FROM pragma_foreign_keys ` + `WHERE "foreign_keys" = 1 AND (${rowChecks.join(" OR ")})`,
        },
    ];
}

/** A row takes part in a foreign key only when none of its columns is NULL. */
function referencingRowsExist(fk: ForeignKey): string {
    const filled = fk.columns.map((name) => `${quoteIdentifier(name)} IS NOT NULL`).join(" AND ");
    return `EXISTS (SELECT 1 FROM ${quoteIdentifier(fk.table)} WHERE ${filled})`;
}

/** Foreign keys referencing `ref` that the database holds just before this op. */
function referencingInDatabase(ctx: EmitContext, ref: TableRef): ForeignKey[] {
    const owners = new Map([...ctx.start.foreignKeys, ...ctx.end.foreignKeys].filter((fk) => references(fk, ref)).map((fk) => [tableKey(fk), fk as TableRef]));
    return [...owners.values()].flatMap((owner) => (databaseShape(ctx, owner)?.foreignKeys ?? []).filter((fk) => references(fk, ref)));
}

function references(fk: ForeignKey, ref: TableRef): boolean {
    return fk.referencedSchema === ref.schema && fk.referencedTable === ref.table;
}
