import type { RevisionGraph, RevisionNode } from "../lib/index";

/** `<parents> -> <revision> (head, branchpoint), <message>`, as `history` and `heads` print a revision. */
export function revisionLine(graph: RevisionGraph, node: RevisionNode, current: ReadonlySet<string> = new Set()): string {
    const parents = node.parents.length > 0 ? node.parents.join(", ") : "<base>";
    const marks = revisionMarks(graph, node, current);
    return `${parents} -> ${node.revision}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}, ${node.message}`;
}

export function revisionMarks(graph: RevisionGraph, node: RevisionNode, current: ReadonlySet<string> = new Set()): string[] {
    const children = graph.childrenOf(node.revision);
    return [
        ...(children.length === 0 ? ["head"] : []),
        ...(current.has(node.revision) ? ["current"] : []),
        ...(children.length > 1 ? ["branchpoint"] : []),
        ...(node.parents.length > 1 ? ["mergepoint"] : []),
    ];
}

/** A revision as JSON for `--json`. */
export function revisionJson(graph: RevisionGraph, node: RevisionNode, current: ReadonlySet<string> = new Set()) {
    return {
        revision: node.revision,
        parents: node.parents,
        children: graph.childrenOf(node.revision),
        message: node.message,
        name: node.name,
        file: node.file,
        marks: revisionMarks(graph, node, current),
    };
}
