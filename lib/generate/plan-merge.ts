import { diff } from "../diff/diff";
import type { RevisionStore } from "../store/revision-store";
import { stateOfRevisions } from "./merged-state";
import { assembleRevision, InvalidRevisionRequestError, type PlannedRevision, type RevisionRequestBase } from "./assemble-revision";

/**
 * A merge revision joining `revisions` (default: every head). Its schema is the three-way merge of
 * the branches against their nearest common ancestor (`MergeConflictError` names an object both
 * changed differently); it runs no SQL, since each branch's migrations already make their changes.
 */
export function planMerge(store: RevisionStore, revisions: readonly string[], request: RevisionRequestBase): PlannedRevision {
    const { graph } = store;
    const parents = revisions.length > 0 ? revisions.map((target) => graph.resolve(target) ?? "base") : graph.heads();
    if (parents.length < 2) {
        throw new InvalidRevisionRequestError(
            `nothing to merge: ${parents.length === 0 ? "no revisions" : `one head (${parents[0]})`}; merge joins two or more heads`,
        );
    }
    if (parents.includes("base") || new Set(parents).size < parents.length)
        throw new InvalidRevisionRequestError(`merge needs distinct revisions: ${revisions.join(", ")}`);
    for (const parent of parents) {
        const descendant = parents.find((other) => other !== parent && graph.ancestors(other).has(parent));
        if (descendant) throw new InvalidRevisionRequestError(`${parent} is already an ancestor of ${descendant}: nothing to merge`);
    }
    const first = store.stateAt(parents[0]);
    const merged = stateOfRevisions(store, parents, first);
    return assembleRevision(
        store,
        {
            parents,
            base: first,
            sqlOps: [],
            deltaOps: diff(first, merged),
            target: merged,
            placeholder: `Merges ${parents.join(", ")}: their own migrations make the schema, so nothing runs here.`,
        },
        request,
    );
}

/** An empty revision on the head, for a migration written by hand (a data migration, say). */
export function planBlankRevision(store: RevisionStore, request: RevisionRequestBase, shape: Parameters<RevisionStore["stateAt"]>[1]): PlannedRevision {
    const head = store.graph.head();
    const base = store.stateAt(head, shape);
    return assembleRevision(
        store,
        {
            parents: head === null ? [] : [head],
            base,
            sqlOps: [],
            deltaOps: [],
            target: base,
            placeholder:
                "Write this migration by hand, e.g. a data migration:\nawait queryRunner.query(`UPDATE ...`);\nThe tool assumes it leaves the schema as it found it.",
        },
        request,
    );
}
