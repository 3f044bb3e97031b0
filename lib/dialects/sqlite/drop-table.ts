import type { TableRef } from "../../schema/model";
import type { EmitContext, Statement } from "../dialect";
import { dropGuard } from "./foreign-keys-guard";
import { quoteIdentifier } from "./quote";

/**
 * DROP TABLE; its indexes and its own foreign keys go with it. The differ drops children before
 * their parents, which SQLite needs while foreign keys are enforced.
 */
export function emitDropTable(ref: TableRef, ctx: EmitContext): Statement[] {
    return [...dropGuard(ctx, ref), { sql: `DROP TABLE ${quoteIdentifier(ref.table)}` }];
}
