import type { TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { DroppedTables } from "./dropped-tables";
import { dropGuard } from "./foreign-keys-guard";
import { quoteIdentifier } from "./quote";
import { hasTable } from "./table-shape";

/**
 * DROP TABLE; its indexes and its own foreign keys go with it. Related tables the migration
 * also drops go children first, with the first of their ops (see `DroppedTables`).
 */
export function emitDropTable(ref: TableRef, ctx: EmitContext): Statement[] {
    if (hasTable(ctx.end, ref)) return dropStatements(ref, ctx);
    const dropping = new DroppedTables(ctx);
    if (dropping.alreadyGone(ref)) return [];
    return dropping.childrenFirst(ref).flatMap((table) => dropStatements(table, ctx));
}

function dropStatements(ref: TableRef, ctx: EmitContext): Statement[] {
    return [...dropGuard(ctx, ref), { sql: `DROP TABLE ${quoteIdentifier(ref.table)}` }];
}
