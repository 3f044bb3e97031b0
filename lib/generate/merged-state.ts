import { mergeSchemas } from "../schema/merge-schemas";
import type { Schema } from "../schema/model";
import type { RevisionStore } from "../store/revision-store";

/**
 * The schema a database holds when `revisions` (and their ancestors) are applied: one revision's
 * state, or the three-way merge of several branches against their nearest common ancestor.
 * No revision: the empty schema of `shape`'s dialect.
 */
export function stateOfRevisions(
    store: RevisionStore,
    revisions: readonly string[],
    shape: Pick<Schema, "dialect" | "defaultSchema" | "typeormVersion">,
): Schema {
    if (revisions.length === 0) return store.stateAt(null, shape);
    const first = store.stateAt(revisions[0]);
    if (revisions.length === 1) return first;
    const ancestor = store.stateAt(store.graph.commonAncestor(revisions), first);
    return revisions.slice(1).reduce((merged, revision) => mergeSchemas(ancestor, merged, store.stateAt(revision)), first);
}
