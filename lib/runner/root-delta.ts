import { existsSync } from "node:fs";
import type { RevisionNode } from "../revisions/graph";
import type { RevisionDelta } from "../store/delta-file";
import type { RevisionStore } from "../store/revision-store";

/**
 * A first revision's delta, when it sits beside the migration; null otherwise. A deployed folder
 * of compiled migrations may hold only the `.js` files: running needs no delta, so its absence
 * only skips what the delta adds (the existing-tables check, adopted rows).
 */
export function rootDelta(store: RevisionStore, node: RevisionNode): RevisionDelta | null {
    if (node.parents.length > 0 || !existsSync(store.deltaPath(node.revision))) return null;
    return store.delta(node.revision);
}
