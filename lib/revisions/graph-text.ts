import type { RevisionGraph, RevisionNode } from "./graph";

/**
 * The graph as text, newest first, one lane per open branch, as `git log --graph` draws it:
 * `*` a revision, `|` a lane passing by, `|\` a merge opening a lane for its other parent, `|/` a
 * lane closing into the branch point it came from. `describe` gives the text after each `*`.
 */
export function drawGraph(graph: RevisionGraph, describe: (node: RevisionNode) => string, nodes: readonly RevisionNode[] = graph.all()): string[] {
    const lines: string[] = [];
    const lanes: string[] = [];
    for (const node of [...nodes].reverse()) {
        const waiting = lanes.map((id, i) => (id === node.revision ? i : -1)).filter((i) => i >= 0);
        // Several lanes waiting for this revision: its children branched from it; close them first.
        if (waiting.length > 1) {
            lines.push(
                connector(
                    lanes.length,
                    waiting.slice(1).map((i) => [i, "/"]),
                ),
            );
            for (const i of waiting.slice(1).reverse()) lanes.splice(i, 1);
        }
        let column = waiting[0] ?? -1;
        if (column < 0) {
            lanes.push(node.revision);
            column = lanes.length - 1;
        }
        lines.push(`${lanes.map((_, i) => (i === column ? "*" : "|")).join(" ")}  ${describe(node)}`);
        const [first, ...others] = node.parents;
        if (first === undefined) {
            lanes.splice(column, 1);
            continue;
        }
        lanes[column] = first;
        const opened = others.filter((parent) => !lanes.includes(parent));
        if (opened.length > 0) {
            lanes.splice(column + 1, 0, ...opened);
            lines.push(
                connector(
                    lanes.length - opened.length,
                    opened.map((_, k) => [column + 1 + k, "\\"]),
                ),
            );
        }
    }
    return lines;
}

/** `|` for each of `width` lanes, with `/` or `\` between lanes where one closes or opens. */
function connector(width: number, joins: readonly (readonly [number, string])[]): string {
    const chars = Array.from<unknown, string>({ length: Math.max(width, ...joins.map(([i]) => i)) * 2 }, (_, p) => (p % 2 === 0 ? "|" : " "));
    for (const [lane, mark] of joins) {
        chars[lane * 2 - 1] = mark;
        if (lane * 2 < chars.length) chars[lane * 2] = " ";
    }
    return chars.join("").trimEnd();
}
