import type { RevisionGraph, RevisionNode } from "./graph";

export interface MermaidHistoryOptions {
    /** The revisions to draw (a `history -r` range), parents first; default: all. */
    readonly nodes?: readonly RevisionNode[];
    /** Revisions the database is at, drawn as such. */
    readonly current?: ReadonlySet<string>;
    /** Shown above the picture (the bind's name when there are several). */
    readonly title?: string;
}

/**
 * The revision graph as a Mermaid flowchart, head on top as `history` lists it. A flowchart rather
 * than a `gitGraph`: a gitGraph draws commits on named branches and a merge of one branch into
 * the checked-out one, so a revision with three parents, or branches that were never named, have
 * no faithful spelling there; a flowchart edge per parent draws any merge as it is.
 *
 * @example
 * mermaidHistory(graph) // ["flowchart BT", '    base(("base"))', '    r1["3f9c (head)<br/>Initial"]', "    base --> r1", ...]
 */
export function mermaidHistory(graph: RevisionGraph, options: MermaidHistoryOptions = {}): string[] {
    const nodes = options.nodes ?? graph.all();
    const ids = new Map(nodes.map((node, i) => [node.revision, `r${i + 1}`]));
    const outside = new Map<string, string>();
    const lines = [...frontMatter(options.title), "flowchart BT"];
    const edges: string[] = [];
    const classes = { head: [] as string[], current: [] as string[], replaced: [] as string[], outside: [] as string[] };
    if (nodes.some((node) => node.parents.length === 0)) lines.push(`    base(("base"))`);
    for (const node of nodes) {
        const id = ids.get(node.revision) as string;
        lines.push(`    ${id}${shape(graph, node)}`);
        if (node.parents.length === 0) edges.push(`    base --> ${id}`);
        for (const parent of node.parents) {
            let from = ids.get(parent) ?? outside.get(parent);
            if (from === undefined) {
                from = `o${outside.size + 1}`;
                outside.set(parent, from);
                lines.push(`    ${from}(${mermaidQuoted(parent)})`);
                classes.outside.push(from);
            }
            edges.push(`    ${from} --> ${id}`);
        }
        const squash = graph.replacedBy(node.revision);
        // The squash stands in for the last revision of its range: a dotted edge from that one to it.
        if (squash !== undefined && ids.has(squash) && graph.childrenOf(node.revision).length === 0)
            edges.push(`    ${id} -. replaced by .-> ${ids.get(squash)}`);
        if (squash !== undefined) classes.replaced.push(id);
        else if (graph.childrenOf(node.revision).length === 0) classes.head.push(id);
        if (options.current?.has(node.revision) === true) classes.current.push(id);
    }
    lines.push(...edges);
    lines.push(
        "    classDef head stroke-width:3px",
        "    classDef current fill:#d5f5d5",
        "    classDef replaced stroke-dasharray:4 4,color:#777",
        "    classDef outside stroke-dasharray:4 4",
    );
    for (const [name, members] of Object.entries(classes)) if (members.length > 0) lines.push(`    class ${members.join(",")} ${name}`);
    return lines;
}

/** A merge is a hexagon, any other revision a box; its label is the id and its marks over the message. */
function shape(graph: RevisionGraph, node: RevisionNode): string {
    const children = graph.childrenOf(node.revision);
    const squash = graph.replacedBy(node.revision);
    const replaces = node.replaces ?? [];
    const marks = [
        ...(children.length === 0 && squash === undefined ? ["head"] : []),
        ...(children.length > 1 ? ["branchpoint"] : []),
        ...(node.parents.length > 1 ? ["mergepoint"] : []),
        ...(replaces.length > 0 ? [`squash of ${replaces.length}: ${replaces[0].revision} .. ${replaces[replaces.length - 1].revision}`] : []),
        ...(squash !== undefined ? [`replaced by ${squash}`] : []),
    ];
    const label = `${mermaidQuoted(`${node.revision}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`).slice(0, -1)}<br/>${mermaidQuoted(node.message).slice(1)}`;
    return node.parents.length > 1 ? `{{${label}}}` : `[${label}]`;
}

/** Mermaid's front matter with a title, or nothing. */
export function frontMatter(title: string | undefined): string[] {
    return title === undefined ? [] : ["---", `title: ${mermaidQuoted(title)}`, "---"];
}

/**
 * `text` as a Mermaid quoted string. Characters its grammars end a string at or read as syntax (the
 * quote, `%` and `\` in erDiagram names, `<` as HTML, a backtick as Markdown, `#` itself) become its
 * entity codes (`#34;`), which Mermaid draws as the character; line breaks become spaces. "direction
 * TB" anywhere on a line is read as a direction statement by erDiagram's lexer, so its space is coded too.
 */
export function mermaidQuoted(text: string): string {
    const coded = text
        .replace(/[\r\n\t\v\f]+/g, " ")
        .replace(/[#"%\\<>&`\p{Cc}]/gu, (char) => `#${char.charCodeAt(0)};`)
        .replace(/(direction)\s+(tb|bt|rl|lr)/gi, "$1#32;$2");
    return `"${coded}"`;
}
