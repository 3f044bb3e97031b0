import { SquashedParentError } from "./errors";
import type { RevisionNode } from "./graph";

/** A squash revision and the range it replaces, as the graph reads them from its header. */
export interface Squash {
    readonly revision: string;
    /** The replaced revisions, parents first. */
    readonly replaces: readonly string[];
    /** The last of them: the revision the squash stands in for. */
    readonly standsFor: string;
    /** Whether every replaced revision's migration file is still in the folder (a database part-way through can then finish). */
    readonly filesPresent: boolean;
}

/** The graph's nodes once squashes are taken into account (see `squashPlan`). */
export interface SquashPlan {
    readonly nodes: readonly RevisionNode[];
    readonly squashes: readonly Squash[];
    /** Replaced revisions whose files are present: in the graph, but off the main line (never heads, bases or children of a kept revision). */
    readonly shadowed: ReadonlyMap<string, string>;
    /** Each squashed range's last revision → the squash that stands in for it. */
    readonly standIns: ReadonlyMap<string, string>;
}

/**
 * How squashes reshape the folder's graph. A squash stands in for the last revision it replaces: a
 * child of that revision is a child of the squash. While the replaced files are present they stay
 * in the graph as a second path from the range's start (for databases part-way through it); once
 * any is gone the range's files are ignored. A child of any other replaced revision is refused.
 */
export function squashPlan(nodes: readonly RevisionNode[]): SquashPlan {
    const present = new Set(nodes.map((node) => node.revision));
    const squashes: Squash[] = nodes
        .filter((node) => (node.replaces ?? []).length > 0)
        .map((node) => {
            const replaces = (node.replaces ?? []).map((replaced) => replaced.revision);
            return { revision: node.revision, replaces, standsFor: replaces[replaces.length - 1], filesPresent: replaces.every((id) => present.has(id)) };
        });
    if (squashes.length === 0) return { nodes, squashes, shadowed: new Map(), standIns: new Map() };
    const standIns = new Map(squashes.map((squash) => [squash.standsFor, squash.revision]));
    const replacedBy = new Map(squashes.flatMap((squash) => squash.replaces.map((id) => [id, squash] as const)));
    const shadowed = new Map(squashes.filter((squash) => squash.filesPresent).flatMap((squash) => squash.replaces.map((id) => [id, squash.revision] as const)));
    const kept = nodes.filter((node) => !replacedBy.has(node.revision) || shadowed.has(node.revision));
    const remapped = kept.map((node): RevisionNode => {
        const inRange = replacedBy.get(node.revision);
        const parents = node.parents.map((parent) => {
            const squash = replacedBy.get(parent);
            if (squash === undefined || squash === inRange || squash.revision === node.revision) return parent;
            if (parent !== squash.standsFor) throw new SquashedParentError(node.revision, parent, squash.revision);
            return squash.revision;
        });
        return parents.every((parent, i) => parent === node.parents[i]) ? node : { ...node, parents };
    });
    return { nodes: remapped, squashes, shadowed, standIns };
}

/** Which way a database goes through a squashed range: by the squash, or through the replaced revisions it is part-way along. */
export type SquashPath = "squash" | "replaced";

/**
 * The path a database with `applied` takes through `squash`: the old revisions when some but not
 * all of them are applied, or when a target names one of them (on a database at the squash, only
 * while their files are present: it then goes down through them); otherwise the squash.
 */
export function squashPathFor(squash: Squash, applied: ReadonlySet<string>, targets: readonly string[] = []): SquashPath {
    const done = squash.replaces.filter((id) => applied.has(id)).length;
    const named = targets.some((target) => squash.replaces.includes(target));
    if (applied.has(squash.revision)) return named && squash.filesPresent && done === squash.replaces.length ? "replaced" : "squash";
    return (done > 0 && done < squash.replaces.length) || named ? "replaced" : "squash";
}
