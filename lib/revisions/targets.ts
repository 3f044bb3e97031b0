import { InvalidRangeError, RelativeTargetError, UnknownRevisionError } from "./errors";
import { listOf, type RevisionGraph, type RevisionNode } from "./graph";

/**
 * A target as Alembic spells it, resolved to the revisions whose ancestry the database should hold
 * afterwards (empty: base). `current` is the database's current heads, for `+N` / `-N`.
 *
 * - `base`, `head` (the single head), `heads` (every head), a full id or an unambiguous prefix;
 * - `+N` / `-N`: N steps up or down from the current revision;
 * - `<rev>+N` / `<rev>-N`: N steps up or down from `<rev>`.
 */
export function resolveTarget(graph: RevisionGraph, spec: string, current: readonly string[] = []): readonly string[] {
    if (spec === "heads") return graph.heads();
    const relative = /^(.*?)([+-])(\d+)$/.exec(spec);
    if (relative === null || isRevision(graph, spec)) return listOf(graph.resolve(spec));
    const [, from, sign, count] = relative;
    const start = from === "" ? currentRevision(current, spec) : graph.resolve(from);
    return listOf(walk(graph, start, sign === "+" ? Number(count) : -Number(count), spec));
}

/**
 * The revisions of `<from>:<to>` (either end may be empty), parents first: those that descend from
 * `from` (inclusive) and lead to `to` (inclusive). Empty `from` is base; empty `to` is every head.
 */
export function resolveRange(graph: RevisionGraph, range: string, current: readonly string[] = []): readonly RevisionNode[] {
    const colon = range.indexOf(":");
    if (colon < 0) throw new InvalidRangeError(`"${range}" is not a range: write <from>:<to> (either end may be left out)`);
    const fromSpec = range.slice(0, colon);
    const toSpec = range.slice(colon + 1);
    const from = fromSpec === "" ? [] : resolveTarget(graph, fromSpec, current);
    const to = toSpec === "" ? graph.heads() : resolveTarget(graph, toSpec, current);
    const below = new Set(to.flatMap((revision) => [...graph.ancestors(revision)]));
    const above = from.length === 0 ? null : new Set(from.flatMap((revision) => [...graph.descendants(revision)]));
    if (above !== null && !from.every((revision) => below.has(revision))) {
        throw new InvalidRangeError(`${fromSpec} is not an ancestor of ${toSpec || "the heads"}`);
    }
    return graph.all().filter((node) => below.has(node.revision) && (above === null || above.has(node.revision)));
}

function isRevision(graph: RevisionGraph, spec: string): boolean {
    try {
        graph.resolve(spec);
        return true;
    } catch (error) {
        if (error instanceof UnknownRevisionError) return false;
        throw error;
    }
}

function currentRevision(current: readonly string[], spec: string): string | null {
    if (current.length > 1) throw new RelativeTargetError(`${spec}: the database is at several revisions (${current.join(", ")}); write <rev>${spec}`);
    return current[0] ?? null;
}

/**
 * `steps` up (positive) or down (negative) from `start` (null: base), refusing forks on the way,
 * along the path a database at `start` takes: through a squashed range's old files when `start` is
 * part-way through it, so every step is a migration that would run.
 */
function walk(main: RevisionGraph, start: string | null, steps: number, spec: string): string | null {
    const graph = start === null || main.squashes().length === 0 ? main : main.forDatabase(main.settle(main.ancestors(start)), [start]);
    let at = start;
    for (let taken = 0; taken < Math.abs(steps); taken++) {
        const next = steps > 0 ? (at === null ? graph.bases() : graph.childrenOf(at)) : at === null ? [] : graph.get(at).parents;
        if (steps < 0 && at !== null && next.length === 0) {
            at = null;
            continue;
        }
        if (next.length === 0) {
            throw new RelativeTargetError(`${spec}: only ${taken} step(s) ${steps > 0 ? "above" : "below"} ${start ?? "base"}`);
        }
        if (next.length > 1) {
            throw new RelativeTargetError(`${spec}: ${at ?? "base"} ${steps > 0 ? "branches into" : "merges"} ${next.join(", ")}; name the revision instead`);
        }
        at = next[0];
    }
    return at;
}
