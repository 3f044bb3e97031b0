import {
    AmbiguousRevisionError,
    DuplicateRevisionError,
    MissingParentError,
    MultipleHeadsError,
    NoCommonAncestorError,
    RevisionCycleError,
    SelfParentError,
    UnknownRevisionError,
} from "./errors";

/** One migration as the graph sees it: read from the file header, without compiling the file. */
export interface RevisionNode {
    readonly revision: string;
    readonly parents: readonly string[];
    /** The 13-digit millisecond timestamp ending the class name. */
    readonly timestamp: number;
    /** The migration class name, as TypeORM records it in its migrations table. */
    readonly name: string;
    readonly message: string;
    readonly file: string;
}

/**
 * The revisions of one bind as a DAG. Pure: validates on construction (duplicates, missing
 * parents, self-parents, cycles) and answers heads, order and targets. Every walk below relies on
 * that validation to end.
 */
export class RevisionGraph {
    private readonly nodes = new Map<string, RevisionNode>();
    private readonly children = new Map<string, string[]>();
    private readonly order: readonly RevisionNode[];

    constructor(nodes: readonly RevisionNode[]) {
        for (const node of nodes) {
            const existing = this.nodes.get(node.revision);
            if (existing) throw new DuplicateRevisionError(node.revision, [existing.file, node.file]);
            this.nodes.set(node.revision, node);
            this.children.set(node.revision, []);
        }
        for (const node of nodes) {
            for (const parent of node.parents) {
                if (parent === node.revision) throw new SelfParentError(node.revision, node.file);
                if (!this.nodes.has(parent)) throw new MissingParentError(node.revision, parent);
                (this.children.get(parent) as string[]).push(node.revision);
            }
        }
        this.order = this.topologicalOrder();
    }

    get size(): number {
        return this.nodes.size;
    }

    /** Every revision, parents before children; among independent ones, older timestamps first. */
    all(): readonly RevisionNode[] {
        return this.order;
    }

    get(revision: string): RevisionNode {
        const node = this.nodes.get(revision);
        if (!node) throw new UnknownRevisionError(revision);
        return node;
    }

    has(revision: string): boolean {
        return this.nodes.has(revision);
    }

    heads(): string[] {
        return this.order.filter((n) => (this.children.get(n.revision) as string[]).length === 0).map((n) => n.revision);
    }

    /** The single head; throws `MultipleHeadsError` when branches have not been merged. */
    head(): string | null {
        const heads = this.heads();
        if (heads.length > 1) throw new MultipleHeadsError(heads);
        return heads[0] ?? null;
    }

    /** Revisions without parents. */
    bases(): string[] {
        return this.order.filter((n) => n.parents.length === 0).map((n) => n.revision);
    }

    childrenOf(revision: string): readonly string[] {
        this.get(revision);
        return this.children.get(revision) as string[];
    }

    /** Revisions with more than one child: where branches start. */
    branchPoints(): string[] {
        return this.order.filter((n) => (this.children.get(n.revision) as string[]).length > 1).map((n) => n.revision);
    }

    /** Revisions with more than one parent: merges. */
    mergePoints(): string[] {
        return this.order.filter((n) => n.parents.length > 1).map((n) => n.revision);
    }

    /** `revision` and everything that descends from it. */
    descendants(revision: string): Set<string> {
        return reachable(revision, (current) => this.childrenOf(current));
    }

    /**
     * The nearest revision every one of `revisions` descends from (null: they share none, base).
     * Throws when several are equally near (criss-crossed merges), since a three-way merge needs one.
     */
    commonAncestor(revisions: readonly string[]): string | null {
        const sets = revisions.map((revision) => this.ancestors(revision));
        const common = new Set([...sets[0]].filter((revision) => sets.every((set) => set.has(revision))));
        // Common ancestors include all their own ancestors, so one that is below another common
        // ancestor is the parent of a common ancestor: what is left are the nearest. Linear; comparing
        // every pair's ancestry took 3 s at 3,000 revisions.
        const below = new Set([...common].flatMap((revision) => this.get(revision).parents.filter((parent) => common.has(parent))));
        const nearest = [...common].filter((candidate) => !below.has(candidate));
        if (nearest.length > 1)
            throw new NoCommonAncestorError(`${revisions.join(", ")} have several nearest common ancestors (${nearest.join(", ")}); merge them pairwise`);
        return nearest[0] ?? null;
    }

    /** `revision` and everything it descends from. */
    ancestors(revision: string): Set<string> {
        return reachable(revision, (current) => this.get(current).parents);
    }

    /** The parents walked from `revision` down to `ancestor`, both included; null when it is not one. */
    pathToAncestor(revision: string, ancestor: string): string[] | null {
        const cameFrom = new Map<string, string | null>([[revision, null]]);
        const queue = [revision];
        for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
            if (at === ancestor) {
                const path: string[] = [];
                for (let step: string | null | undefined = at; step !== null && step !== undefined; step = cameFrom.get(step)) path.unshift(step);
                return path;
            }
            for (const parent of this.get(at).parents) {
                if (cameFrom.has(parent)) continue;
                cameFrom.set(parent, at);
                queue.push(parent);
            }
        }
        return null;
    }

    /**
     * A full id or an unambiguous prefix, `head`, or `base` (null: before the first revision).
     */
    resolve(target: string): string | null {
        if (target === "base") return null;
        if (target === "head") return this.head();
        if (this.nodes.has(target)) return target;
        const matches = [...this.nodes.keys()].filter((id) => id.startsWith(target));
        if (matches.length === 1) return matches[0];
        if (matches.length > 1) throw new AmbiguousRevisionError(target, matches);
        throw new UnknownRevisionError(target);
    }

    /**
     * What `upgrade` to `target` applies, given what is applied: missing ancestors in graph order.
     * `target` is one revision, several (`heads`), or null / none for base.
     */
    toApply(applied: ReadonlySet<string>, target: string | null | readonly string[]): RevisionNode[] {
        const wanted = this.ancestorsOfAll(target);
        return this.order.filter((n) => wanted.has(n.revision) && !applied.has(n.revision));
    }

    /** What `downgrade` to `target` reverts: applied revisions not under `target`, children first. */
    toRevert(applied: ReadonlySet<string>, target: string | null | readonly string[]): RevisionNode[] {
        const kept = this.ancestorsOfAll(target);
        return this.order.filter((n) => applied.has(n.revision) && !kept.has(n.revision)).reverse();
    }

    /** Every revision that `targets` (one, several, or none) descend from, themselves included. */
    ancestorsOfAll(targets: string | null | readonly string[]): Set<string> {
        const list = targets === null ? [] : typeof targets === "string" ? [targets] : targets;
        return new Set(list.flatMap((target) => [...this.ancestors(target)]));
    }

    /** Applied revisions that no other applied revision descends from. */
    currentHeads(applied: ReadonlySet<string>): string[] {
        return this.order
            .filter((n) => applied.has(n.revision))
            .filter((n) => !(this.children.get(n.revision) as string[]).some((c) => applied.has(c)))
            .map((n) => n.revision);
    }

    private topologicalOrder(): RevisionNode[] {
        const pending = new Map([...this.nodes.values()].map((n) => [n.revision, n.parents.length]));
        const ready = [...this.nodes.values()].filter((n) => n.parents.length === 0);
        const ordered: RevisionNode[] = [];
        while (ready.length > 0) {
            ready.sort((a, b) => a.timestamp - b.timestamp || (a.revision < b.revision ? -1 : 1));
            const node = ready.shift() as RevisionNode;
            ordered.push(node);
            for (const child of this.children.get(node.revision) as string[]) {
                const left = (pending.get(child) as number) - 1;
                pending.set(child, left);
                if (left === 0) ready.push(this.get(child));
            }
        }
        if (ordered.length < this.nodes.size) {
            throw new RevisionCycleError(this.cycleAmong(new Set([...pending].filter(([, left]) => left > 0).map(([id]) => id))));
        }
        return ordered;
    }

    /**
     * One cycle through `stuck` (the revisions a topological sort could not place), child first:
     * every stuck revision has a stuck parent, so following stuck parents must come back round.
     */
    private cycleAmong(stuck: ReadonlySet<string>): string[] {
        const path: string[] = [];
        const at = new Map<string, number>();
        let current = [...stuck][0];
        while (!at.has(current)) {
            at.set(current, path.length);
            path.push(current);
            current = (this.nodes.get(current) as RevisionNode).parents.find((parent) => stuck.has(parent)) as string;
        }
        return [...path.slice(at.get(current)), current];
    }
}

/** `start` and every revision reachable from it along `next`. */
function reachable(start: string, next: (revision: string) => readonly string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
        const current = stack.pop() as string;
        if (seen.has(current)) continue;
        seen.add(current);
        stack.push(...next(current));
    }
    return seen;
}
