import type { DataSource } from "typeorm";
import type { ResolvedBind, RevisionStore } from "../lib/index";
import type { CommandContext } from "./context";
import { lib } from "./lib";

/** Where a bind's database stands against the migrations folder. */
export interface DatabasePosition {
    /** The revisions it is at; empty: base. */
    readonly at: readonly string[];
    readonly heads: readonly string[];
    /** Revisions of the folder not applied there, in the order `upgrade heads` would run them. */
    readonly pending: readonly string[];
    /** Applied revisions whose file changed since. */
    readonly edited: readonly string[];
}

// `check` must not wait on a host that never answers: it only looks when the database is there.
const probeTimeoutMs = 5000;

/**
 * Connects to a bind's database and reads its position. With `required` false (plain `check`),
 * a database that cannot be reached is no error but null, and nothing is created to look: an
 * SQLite file that does not exist is not opened.
 */
export async function databasePosition(
    context: CommandContext,
    bind: ResolvedBind,
    { store, required }: { readonly store: RevisionStore; readonly required: boolean },
): Promise<DatabasePosition | null> {
    let dataSource: DataSource;
    if (!required) {
        if (store.graph.size === 0) return null;
        const candidate = await bind.dataSource();
        const { runtime } = lib().dialectForDriver(candidate.options.type);
        if (!runtime.canLookWithoutCreating(candidate.options)) return null;
        for (const [option, ms] of Object.entries(runtime.connectTimeoutOptions(probeTimeoutMs))) {
            if (Reflect.get(candidate.options, option) == null) Reflect.set(candidate.options, option, ms);
        }
        try {
            dataSource = await context.connectBind(bind);
        } catch {
            return null;
        }
    } else {
        dataSource = await context.connectBind(bind);
    }
    try {
        const { applied, edited } = await new (lib().Runner)(dataSource, store).state();
        const heads = store.graph.heads();
        return { at: store.graph.currentHeads(applied), heads, pending: store.graph.toApply(applied, heads).map((node) => node.revision), edited };
    } finally {
        await dataSource.destroy();
    }
}

/** `The database is at a1b2, behind head c3d4 (2 migrations not applied)`, or null when it is not behind. */
export function describeBehind(position: DatabasePosition): string | null {
    if (position.pending.length === 0) return null;
    const at = position.at.length === 0 ? "<base>" : position.at.join(", ");
    const count = position.pending.length === 1 ? "1 migration" : `${position.pending.length} migrations`;
    return `The database is at ${at}, behind head ${position.heads.join(", ")} (${count} not applied)`;
}
