import { diff } from "../diff/diff";
import { SquashRangeError } from "../revisions/errors";
import type { RevisionGraph, RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import { assembleRevision, type PlannedRevision, type RevisionRequestBase } from "./assemble-revision";
import { handWrittenRevisions } from "./plan-squash-hand-written";
import { renamesAcross } from "./plan-squash-renames";

/** What `squash` replaces: the revisions after `from` (null: base) up to and including `to`, parents first. */
export interface SquashRange {
    readonly from: string | null;
    readonly to: string;
    readonly revisions: readonly RevisionNode[];
}

/**
 * One revision replacing `[<from>:]<to>`: its migration builds the schema of `<to>` from the schema
 * of `<from>` (base when left out) and its `down` restores `<from>`; header and delta list the ids
 * it replaces. Refuses a range holding a migration that runs SQL its delta does not describe (see
 * `handWrittenRevisions`). Writes nothing.
 *
 * @example
 * const store = RevisionStore.open("migrations/default");
 * const planned = await planSquash(store, "base:head", { message: "squashed", bind: "default", now: Date.now() });
 * writeRevision(store.dir, planned); // planned.range.revisions: what it replaces
 */
export async function planSquash(
    store: RevisionStore,
    rangeSpec: string,
    request: RevisionRequestBase,
): Promise<PlannedRevision & { readonly range: SquashRange }> {
    const range = squashRange(store, rangeSpec);
    const handWritten = await handWrittenRevisions(store, range.revisions);
    if (handWritten.length > 0) {
        throw new SquashRangeError(
            `not squashed: the migrations of ${handWritten.map((node) => node.revision).join(", ")} run SQL their .json does not describe ` +
                "(written or edited by hand, or generated from the live database)",
            "squash the ranges on either side of them",
        );
    }
    const target = store.stateAt(range.to);
    const base = store.stateAt(range.from, target);
    const ops = diff(base, target, { renames: renamesAcross(store, range.revisions, base, target) });
    const planned = assembleRevision(
        store,
        {
            parents: range.from === null ? [] : [range.from],
            base,
            sqlOps: ops,
            deltaOps: ops,
            target,
            placeholder: `Squashes ${range.revisions.length} revisions whose schemas are the same at both ends: nothing runs here.`,
            replaces: range.revisions.map((node) => ({ revision: node.revision, name: node.name })),
            // A squash from base stands on the TypeORM migrations a baseline in its range adopted, as the baseline did.
            ...(range.from === null
                ? { adopts: range.revisions.flatMap((node) => (node.parents.length === 0 ? (store.delta(node.revision).adopts ?? []) : [])) }
                : {}),
        },
        request,
    );
    return { ...planned, range };
}

/**
 * The revisions `[<from>:]<to>` names: every ancestor of `<to>` that is not one of `<from>`. Refuses
 * (one `SquashRangeError` each) what one revision cannot stand in for: `<from>` not below `<to>`, a
 * merge with a parent outside, a branch leaving the range before its end, another squash inside.
 */
export function squashRange(store: RevisionStore, rangeSpec: string): SquashRange {
    const { graph } = store;
    const colon = rangeSpec.indexOf(":");
    const fromSpec = colon < 0 ? "base" : rangeSpec.slice(0, colon) || "base";
    const toSpec = colon < 0 ? rangeSpec : rangeSpec.slice(colon + 1) || "head";
    const to = graph.resolve(toSpec);
    if (to === null) throw new SquashRangeError(`nothing to squash: ${toSpec} is base`);
    const from = mainLineOf(graph, graph.resolve(fromSpec));
    refuseReplaced(graph, to);
    if (from === to) throw new SquashRangeError(`nothing to squash: ${fromSpec} and ${toSpec} are the same revision`);
    const below = graph.ancestors(to);
    if (from !== null && !below.has(from)) throw new SquashRangeError(`${spelled(fromSpec, from)} is not an ancestor of ${spelled(toSpec, to)}`);
    const excluded = from === null ? new Set<string>() : graph.ancestors(from);
    const revisions = graph.all().filter((node) => below.has(node.revision) && !excluded.has(node.revision) && graph.replacedBy(node.revision) === undefined);
    if (revisions.length < 2) throw new SquashRangeError(`nothing to squash: ${fromSpec}:${toSpec} holds one revision (${to})`);
    const inRange = new Set(revisions.map((node) => node.revision));
    for (const node of revisions) {
        const outside = node.parents.find((parent) => !inRange.has(parent) && parent !== from);
        if (outside !== undefined) {
            throw new SquashRangeError(
                `${node.revision} has parent ${outside}, outside the range and not its start (a merge leaves a parent out); start the range at ${outside} or below`,
            );
        }
        const leaving = node.revision === to ? undefined : graph.childrenOf(node.revision).find((child) => !inRange.has(child));
        if (leaving !== undefined) {
            throw new SquashRangeError(
                `${node.revision} has child ${leaving} outside the range (a branch); merge it first or end the range at ${node.revision}`,
            );
        }
        if ((node.replaces ?? []).length > 0) {
            throw new SquashRangeError(`${node.revision} is itself a squash; a squash is not squashed again: start the range at ${node.revision}`);
        }
    }
    return { from, to, revisions };
}

function spelled(spec: string, revision: string): string {
    return spec === revision ? revision : `${spec} (${revision})`;
}

/** A replaced revision with files still present names its squash's range: refused, but its range's last revision means its squash. */
function mainLineOf(graph: RevisionGraph, revision: string | null): string | null {
    if (revision === null || graph.replacedBy(revision) === undefined) return revision;
    const standIn = graph.standInFor(revision);
    if (standIn !== undefined) return standIn;
    return refuseReplaced(graph, revision);
}

function refuseReplaced(graph: RevisionGraph, revision: string): never | string {
    const squash = graph.replacedBy(revision);
    if (squash !== undefined) throw new SquashRangeError(`${revision} is already replaced by squash ${squash}: the ranges overlap`);
    return revision;
}
