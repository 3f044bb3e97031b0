import { diff, type DiffOptions } from "../diff/diff";
import { emptySchema, type Schema } from "../schema/model";
import type { RevisionStore } from "../store/revision-store";
import { assembleRevision, type PlannedRevision, type RevisionRequestBase } from "./assemble-revision";
import { explainedDrops, withUnmanagedIndexesKept } from "./unmanaged-indexes";

/**
 * `generate --from-db`: the SQL takes the live database to the entities (as TypeORM's own
 * generator does), while the delta still records the change from the head's snapshot, so the chain
 * of snapshots stays whole. Null when the database already equals the entities.
 */
export function planFromDatabase(store: RevisionStore, entities: Schema, live: Schema, request: RevisionRequestBase & DiffOptions): PlannedRevision | null {
    const options = { renames: request.renames, include: request.include, backfills: request.backfills };
    const sqlOps = explainedDrops(diff(live, withUnmanagedIndexesKept(live, entities, options.renames), options), live, entities, options.renames);
    if (sqlOps.length === 0) return null;
    const parent = store.graph.head();
    const snapshot = store.stateAt(parent, entities, entities);
    const deltaOps = explainedDrops(
        diff(snapshot, withUnmanagedIndexesKept(snapshot, entities, options.renames), options),
        snapshot,
        entities,
        options.renames,
    );
    return assembleRevision(store, { parents: parent === null ? [] : [parent], base: live, sqlOps, deltaOps, target: entities }, request);
}

/**
 * `init --from-db`: the first revision of a bind, describing the live database as it is. Its
 * migration creates that schema from nothing (for new databases); the adopted database is stamped
 * at it instead of running it. `adopts` names the TypeORM migrations already recorded there.
 */
export function planBaseline(store: RevisionStore, live: Schema, adopts: readonly string[], request: RevisionRequestBase): PlannedRevision {
    const base = emptySchema(live.dialect, live.defaultSchema, live.typeormVersion);
    const ops = diff(base, live);
    return assembleRevision(store, { parents: [], base, sqlOps: ops, deltaOps: ops, target: live, adopts }, request);
}
