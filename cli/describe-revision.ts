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
        ...(children.length === 0 && graph.replacedBy(node.revision) === undefined ? ["head"] : []),
        ...(current.has(node.revision) ? ["current"] : []),
        ...(children.length > 1 ? ["branchpoint"] : []),
        ...(node.parents.length > 1 ? ["mergepoint"] : []),
        ...squashMarks(graph, node),
    ];
}

/**
 * Which revisions a squash replaces and whether their files can go (once every database is at the
 * squash or later), and on each replaced one still in the folder, which squash replaces it.
 */
function squashMarks(graph: RevisionGraph, node: RevisionNode): string[] {
    const replaces = node.replaces ?? [];
    const squash = graph.replacedBy(node.revision);
    return [
        ...(replaces.length > 0
            ? [
                  `squash of ${replaces.length}: ${replaces[0].revision} .. ${replaces[replaces.length - 1].revision}` +
                      (graph.has(replaces[0].revision)
                          ? `, whose files can be deleted once every database is at ${node.revision} or later`
                          : ", files deleted"),
              ]
            : []),
        ...(squash !== undefined ? [`replaced by ${squash}`] : []),
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
        ...(node.replaces !== undefined ? { replaces: node.replaces.map((replaced) => replaced.revision) } : {}),
        ...(graph.replacedBy(node.revision) !== undefined ? { replacedBy: graph.replacedBy(node.revision) } : {}),
    };
}
