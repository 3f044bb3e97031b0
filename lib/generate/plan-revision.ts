import { diff, type DiffOptions } from "../diff/diff";
import type { Op } from "../diff/ops";
import type { RenameDecisions } from "../diff/renames";
import type { Backfill } from "../diff/backfills";
import type { IncludeObject } from "../schema/filter";
import type { Schema } from "../schema/model";
import type { RevisionStore } from "../store/revision-store";
import { assembleRevision, type PlannedRevision, type RevisionRequestBase } from "./assemble-revision";
import { explainedDrops, withUnmanagedIndexesKept } from "./unmanaged-indexes";

export { InvalidRevisionRequestError, type PlannedRevision } from "./assemble-revision";

export interface RevisionRequest extends RevisionRequestBase {
    /** Tables and columns renamed since the head revision; anything else dropped and added is drop + add. */
    readonly renames?: RenameDecisions;
    /** Objects left out of the comparison. */
    readonly include?: IncludeObject;
    /** Values for rows already there where a column becomes NOT NULL without a default. */
    readonly backfills?: readonly Backfill[];
}

/**
 * The ops from the head's state to `current` (keeping the indexes `current` declares with
 * `synchronize: false`); throws `MultipleHeadsError` on unmerged branches.
 */
export function pendingChanges(store: RevisionStore, current: Schema, options: DiffOptions = {}): { parent: string | null; ops: Op[]; base: Schema } {
    const parent = store.graph.head();
    const base = store.stateAt(parent, current, current);
    const ops = diff(base, withUnmanagedIndexesKept(base, current, options.renames), options);
    return { parent, ops: explainedDrops(ops, base, current, options.renames), base };
}

/**
 * The next revision of a bind: migration class and schema delta, or null when the entities equal
 * the head's state. Writes nothing.
 */
export function planRevision(store: RevisionStore, current: Schema, request: RevisionRequest): PlannedRevision | null {
    const { parent, ops, base } = pendingChanges(store, current, { renames: request.renames, include: request.include, backfills: request.backfills });
    if (ops.length === 0) return null;
    return assembleRevision(store, { parents: parent === null ? [] : [parent], base, sqlOps: ops, deltaOps: ops, target: current }, request);
}
