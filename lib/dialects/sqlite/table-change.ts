import type { TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { addColumnStatements } from "./add-columns";
import { createIndexStatement, indexesNewSince } from "./indexes";
import { rebuildTable } from "./rebuild";
import { hasTable } from "./table-shape";
import { planTableChange, reachesFinalShape } from "./table-plan";

/**
 * The SQL for an op that changes what a table's CREATE TABLE says (columns, primary key,
 * uniques, checks, foreign keys, table options). SQLite alters almost none of it in place, so
 * the change is planned for the table as a whole and emitted at the op that gives the table its
 * final form. A table the migration creates is created in its final form already; a table it
 * drops needs nothing.
 */
export function emitTableChange(ref: TableRef, ctx: EmitContext): Statement[] {
    if (!hasTable(ctx.start, ref) || !hasTable(ctx.end, ref) || !reachesFinalShape(ctx, ref)) return [];
    const plan = planTableChange(ctx.start, ctx.end, ref);
    switch (plan.kind) {
        case "none":
            return [];
        case "addColumns":
            return [
                ...addColumnStatements(ref.table, plan.columns),
                // Indexes whose createIndex waited for these columns.
                ...indexesNewSince(ctx.start, ctx.after, ref).map(createIndexStatement),
            ];
        case "rebuild":
            return rebuildTable(ctx, ref);
    }
}
