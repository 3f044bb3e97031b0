import type { RevisionNode } from "../../lib/revisions/graph";

/**
 * A revision of a graph spec: class name `M<timestamp>`, message and file after its id. A squash
 * names the ids it `replaces`, each with the class name `M<digits of the id>` (`r3` → `M3`).
 * @example revisionNode("sq", ["r1"], 10, ["r2", "r3"])
 */
export function revisionNode(revision: string, parents: readonly string[], timestamp: number, replaces?: readonly string[]): RevisionNode {
    return {
        revision,
        parents,
        timestamp,
        name: `M${timestamp}`,
        message: revision,
        file: `${revision}.ts`,
        ...(replaces ? { replaces: replaces.map((id) => ({ revision: id, name: `M${Number(id.slice(1))}` })) } : {}),
    };
}
