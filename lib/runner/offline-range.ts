import { InvalidRangeError } from "../revisions/errors";
import type { RevisionGraph, RevisionNode } from "../revisions/graph";
import { resolveTarget } from "../revisions/targets";

export type OfflineCommand = "upgrade" | "downgrade" | "stamp";

/** What the database is assumed to hold before (`from`) and after (`to`); empty: base. */
export interface OfflineRange {
    readonly from: readonly string[];
    readonly to: readonly string[];
}

/** One thing the printed SQL does for a revision: run it up or down, or only record / unrecord it (stamp). */
export interface OfflineStep {
    readonly node: RevisionNode;
    readonly action: "up" | "down" | "record" | "unrecord";
}

/**
 * Without a database the current revision is unknown, so printed SQL takes it from the spec, as
 * Alembic does: `<from>:<to>`, or a bare `<to>` meaning from base (not for `downgrade`). Relative
 * ends (`+1`, `-2`) count from `from`. An empty `<to>` is every head (base for `downgrade`).
 */
export function parseOfflineRange(graph: RevisionGraph, command: OfflineCommand, spec: string): OfflineRange {
    const colon = spec.indexOf(":");
    if (colon < 0) {
        if (command === "downgrade")
            throw new InvalidRangeError(
                `an offline downgrade needs a range <from>:<to> (e.g. head:base)${spec === "" ? "" : `, not "${spec}"`}: without a database the current revision is unknown`,
            );
        return { from: [], to: resolveTarget(graph, spec, []) };
    }
    const fromSpec = spec.slice(0, colon);
    const toSpec = spec.slice(colon + 1);
    if (command === "downgrade" && fromSpec === "")
        throw new InvalidRangeError(`offline downgrade ${spec}: name the revision the database is at before the colon (e.g. head:base)`);
    const from = fromSpec === "" ? [] : resolveTarget(graph, fromSpec, []);
    const to = toSpec === "" ? (command === "downgrade" ? [] : graph.heads()) : resolveTarget(graph, toSpec, from);
    const [lower, upper] = command === "downgrade" ? [to, from] : [from, to];
    if (command !== "stamp" && !isBelow(graph, lower, upper)) {
        const [lowerSpec, upperSpec] = command === "downgrade" ? [toSpec || "base", fromSpec] : [fromSpec, toSpec || "heads"];
        throw new InvalidRangeError(`offline ${command} ${spec}: ${lowerSpec} is not an ancestor of ${upperSpec}`);
    }
    return { from, to };
}

/** The steps that take a database from `range.from` to `range.to`, in the order they run. */
export function offlineSteps(graph: RevisionGraph, command: OfflineCommand, range: OfflineRange): OfflineStep[] {
    const had = graph.ancestorsOfAll(range.from);
    if (command === "upgrade") {
        const settled = settledSquashes(graph, had);
        const up = graph.toApply(had, range.to).map((node) => ({ node, action: "up" as const }));
        const after = new Set([...had, ...[...settled, ...up].map((step) => step.node.revision)]);
        return [...settled, ...up, ...settledSquashes(graph, after)];
    }
    if (command === "downgrade") {
        const at = withReplaced(graph, had);
        const down = graph.toRevert(at, range.to).map((node) => ({ node, action: "down" as const }));
        const reverted = new Set(down.map((step) => step.node.revision));
        return [...down, ...unsettledSquashes(graph, new Set([...at].filter((revision) => !reverted.has(revision))))];
    }
    const wanted = graph.ancestorsOfAll(range.to);
    const all = graph.all();
    return [
        ...all
            .filter((n) => had.has(n.revision) && !wanted.has(n.revision))
            .reverse()
            .map((node) => ({ node, action: "unrecord" as const })),
        ...all.filter((n) => wanted.has(n.revision) && !had.has(n.revision)).map((node) => ({ node, action: "record" as const })),
    ];
}

/**
 * Whether a database at `lower` walks up to `upper`, as the database would walk the graph: through
 * the revisions a squash replaces when it is part-way through them, else through the squash.
 */
function isBelow(graph: RevisionGraph, lower: readonly string[], upper: readonly string[]): boolean {
    const had = graph.settle(graph.ancestorsOfAll(lower));
    const ancestors = graph.forDatabase(had, upper).ancestorsOfAll(graph.targetsForDatabase(had, upper));
    const squashOf = (revision: string) => graph.squashes().find((squash) => squash.replaces.includes(revision))?.revision;
    return lower.every((revision) => ancestors.has(revision) || ancestors.has(squashOf(revision) ?? revision));
}

/**
 * A database at the end of a squashed range (`<from>` is a replaced revision) is at the squash: its
 * row is written first, as `upgrade` writes it, without the rows of the revisions it replaces (there already).
 */
function settledSquashes(graph: RevisionGraph, had: ReadonlySet<string>): OfflineStep[] {
    return graph
        .squashes()
        .filter((squash) => !had.has(squash.revision) && squash.replaces.every((revision) => had.has(revision)))
        .map((squash) => ({ node: { ...graph.get(squash.revision), replaces: [] }, action: "record" as const }));
}

/**
 * A database at or above a squash has every revision it replaces (run by the squash, or before it):
 * `downgrade <squash's child>:<replaced id>` goes down through the old files, as it does online.
 */
function withReplaced(graph: RevisionGraph, had: ReadonlySet<string>): Set<string> {
    return new Set([...had, ...graph.squashes().flatMap((squash) => (had.has(squash.revision) ? squash.replaces : []))]);
}

/**
 * A database taken down into a squashed range is no longer at the squash: its row goes after the
 * last step, as `downgrade` removes it, and only its own (the replaced revisions' rows went with their steps).
 */
function unsettledSquashes(graph: RevisionGraph, after: ReadonlySet<string>): OfflineStep[] {
    return graph
        .squashes()
        .filter((squash) => after.has(squash.revision) && !squash.replaces.every((revision) => after.has(revision)))
        .map((squash) => ({ node: { ...graph.get(squash.revision), replaces: [] }, action: "unrecord" as const }));
}
