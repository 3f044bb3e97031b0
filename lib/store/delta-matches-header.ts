import { basename } from "node:path";
import type { RevisionGraph, RevisionNode } from "../revisions/graph";
import type { RevisionDelta } from "./delta-file";
import { RevisionDeltaError } from "./errors";
import { deepEqual } from "../schema/equal";

/**
 * Refuses a delta that is not the one of `node`: another revision's `.json` copied over it, or
 * parents edited in one file only. The graph comes from the migration headers and is known to be
 * acyclic; parents that differ here would make the `.json` files a different graph, possibly a
 * cyclic one, so the message says which.
 */
export function assertDeltaMatchesHeader(graph: RevisionGraph, node: RevisionNode, delta: RevisionDelta, file: string): void {
    const migration = basename(node.file);
    if (delta.revision !== node.revision) {
        throw new RevisionDeltaError(
            file,
            `holds revision ${delta.revision}, but its migration ${migration} is revision ${node.revision} (copied from another revision?)`,
        );
    }
    const replaces = (node.replaces ?? []).map((replaced) => replaced.revision);
    if (!deepEqual(delta.replaces ?? [], replaces)) {
        throw new RevisionDeltaError(
            file,
            `squash ${node.revision} replaces ${listed(delta.replaces ?? [])} here, but its migration ${migration} lists ${listed(replaces)}`,
        );
    }
    // A child of a squashed range's last revision names that revision; the graph reads it as the squash's child.
    const parents = delta.parents.map((parent) => (node.parents.includes(parent) ? parent : (graph.standInFor(parent) ?? parent)));
    if (deepEqual(parents, node.parents)) return;
    const written = listed(delta.parents);
    const expected = `its migration ${migration} names ${listed(node.parents)}`;
    if (delta.parents.includes(node.revision)) {
        throw new RevisionDeltaError(file, `revision ${node.revision} names itself as its parent; ${expected}`);
    }
    for (const parent of delta.parents) {
        const cycle = graph.has(parent) ? graph.pathToAncestor(parent, node.revision) : null;
        if (cycle !== null) {
            throw new RevisionDeltaError(
                file,
                `parent ${parent} of revision ${node.revision} forms a cycle (${[node.revision, ...cycle].join(" → ")}); ${expected}`,
            );
        }
    }
    throw new RevisionDeltaError(file, `revision ${node.revision} has parents ${written} here, but ${expected}`);
}

function listed(parents: readonly string[]): string {
    return parents.length === 0 ? "<base>" : parents.join(", ");
}
