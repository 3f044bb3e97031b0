import type { Column, TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { createTableSql } from "./create-table-sql";
import { rebuildGuard } from "./foreign-keys-guard";
import { createIndexStatement, indexesOf } from "./indexes";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { requireShape, type TableShape } from "./table-shape";
import { createViewStatement, dropViewStatement } from "./views";

/**
 * Rebuilds a table into its shape in `ctx.after`, keeping its rows: create "temporary_<name>",
 * copy the columns both shapes have, drop the old table, rename, re-create the indexes.
 * The database holds the table as it was at the migration's start (see `planTableChange`).
 *
 * Runs with foreign keys OFF (TypeORM's `beforeMigration()`): with them on, dropping a parent
 * table would delete or null its children's rows through ON DELETE (see `rebuildGuard`).
 */
export function rebuildTable(ctx: EmitContext, ref: TableRef): Statement[] {
    const source = requireShape(ctx.start, ref);
    const target = requireShape(ctx.after, ref);
    const temporary = `temporary_${ref.table}`;
    return [
        ...rebuildGuard(ctx, ref),
        // A rename fails while any view names a table that is missing ("error in view v: no such
        // table"), as the old table is after its DROP; views are dropped around the rebuild.
        ...ctx.before.views.map(dropViewStatement),
        { sql: createTableSql(target, temporary) },
        ...copyRows(source, target, temporary, ctx),
        ...keepAutoincrementCounter(target, temporary),
        { sql: `DROP TABLE ${quoteIdentifier(ref.table)}` },
        { sql: `ALTER TABLE ${quoteIdentifier(temporary)} RENAME TO ${quoteIdentifier(ref.table)}` },
        ...indexesOf(ctx.after, ref).map(createIndexStatement),
        ...ctx.after.views.map(createViewStatement),
    ];
}

/**
 * `INSERT INTO temporary SELECT` the columns both shapes have, and the new columns the user gave
 * a value for the rows already there; generated targets compute themselves.
 */
function copyRows(source: TableShape, target: TableShape, temporary: string, ctx: EmitContext): Statement[] {
    const copied = target.columns
        .filter((column) => column.asExpression === null)
        .flatMap((column) => {
            const from = source.columns.find((c) => c.name === column.name);
            const value = from === undefined ? ctx.backfillFor(column) : copiedValue(from, column, ctx.backfillFor(column));
            return value === null ? [] : [{ column, value }];
        });
    if (copied.length === 0) return [];
    const names = copied.map(({ column }) => quoteIdentifier(column.name)).join(", ");
    const values = copied.map(({ value }) => value).join(", ");
    return [{ sql: `INSERT INTO ${quoteIdentifier(temporary)} (${names}) SELECT ${values} FROM ${quoteIdentifier(source.table.table)}` }];
}

/** A column that becomes NOT NULL takes the user's value, else its default, where it held NULL. */
function copiedValue(from: Column, to: Column, backfill: string | null): string {
    const name = quoteIdentifier(from.name);
    const fill = backfill ?? to.default;
    return from.nullable && !to.nullable && fill !== null ? `COALESCE(${name}, ${fill})` : name;
}

/**
 * AUTOINCREMENT promises never to reuse an id; its counter lives in sqlite_sequence under the
 * table's name. The copy set the new table's counter to the highest id copied; this carries the
 * old counter over (it is higher when the last rows were deleted). The rename then moves it.
 */
function keepAutoincrementCounter(target: TableShape, temporary: string): Statement[] {
    if (!target.columns.some((column) => column.generated === "increment")) return [];
    return [
        { sql: `DELETE FROM "sqlite_sequence" WHERE "name" = ${quoteLiteral(temporary)}` },
        {
            sql:
                `INSERT INTO "sqlite_sequence" ("name", "seq") SELECT ${quoteLiteral(temporary)}, "seq" ` +
                `FROM "sqlite_sequence" WHERE "name" = ${quoteLiteral(target.table.table)}`,
        },
    ];
}
