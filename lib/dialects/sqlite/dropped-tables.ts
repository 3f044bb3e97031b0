import { sameTable, tableKey } from "../../schema/keys";
import type { TableRef } from "../../schema/model";
import type { EmitContext } from "../dialect";
import { hasTable } from "./table-shape";

/**
 * The tables a migration drops (there at its start, gone at its end), linked by the foreign keys
 * they had at its start. The first drop of a parent takes the children it still has in this set
 * along, children first: with foreign keys ON (TypeORM's `migration:revert`) SQLite refuses to
 * drop a child whose parent is gone ("no such table").
 */
export class DroppedTables {
    private readonly members: readonly TableRef[];

    constructor(private readonly ctx: EmitContext) {
        this.members = ctx.start.tables.filter((table) => !hasTable(ctx.end, table));
    }

    /** Dropped earlier in the migration, along with a parent whose own op came first. */
    alreadyGone(ref: TableRef, seen = new Set<string>()): boolean {
        seen.add(tableKey(ref));
        return this.parentsOf(ref).some((parent) =>
            !hasTable(this.ctx.before, parent) || (!seen.has(tableKey(parent)) && this.alreadyGone(parent, seen)));
    }

    /** `ref` and the dropped tables still there that reference it, directly or not, children first. */
    childrenFirst(ref: TableRef, seen = new Set<string>()): TableRef[] {
        seen.add(tableKey(ref));
        const children = this.childrenOf(ref);
        return [...children.flatMap((child) => (seen.has(tableKey(child)) ? [] : this.childrenFirst(child, seen))), ref];
    }

    private parentsOf(ref: TableRef): TableRef[] {
        return this.members.filter((member) => !sameTable(member, ref) && this.links(ref, member));
    }

    private childrenOf(ref: TableRef): TableRef[] {
        return this.members.filter((member) =>
            !sameTable(member, ref) && this.links(member, ref) && hasTable(this.ctx.before, member) && !this.alreadyGone(member));
    }

    private links(child: TableRef, parent: TableRef): boolean {
        return this.ctx.start.foreignKeys.some((fk) =>
            sameTable(fk, child) && fk.referencedSchema === parent.schema && fk.referencedTable === parent.table);
    }
}
