// How a large entity set is cut into pieces whose TypeORM metadata can be built one at a time.
// Works on TypeORM's decorator arguments (MetadataArgsStorage), before anything is built.

type Target = object | string;

/** The decorator arguments of one table (`@Entity`, `@ViewEntity`, `@ChildEntity`, an EntitySchema). */
export interface TableArgs {
    readonly target: Target;
    readonly name?: string;
    readonly type: string;
    readonly dependsOn?: readonly unknown[];
    /** A view's query: text, or a function of the data source (a query builder over entities). */
    readonly expression?: unknown;
}

interface TargetedArgs {
    readonly target: Target;
    readonly type?: unknown;
}

/** What the plan reads of a MetadataArgsStorage: its relations, @ForeignKey and embedded arguments. */
export interface ArgsLists {
    readonly relations: readonly TargetedArgs[];
    readonly foreignKeys?: readonly TargetedArgs[];
    readonly embeddeds: readonly TargetedArgs[];
}

export interface Piece {
    /** The tables this piece reads, whole. */
    readonly members: ReadonlySet<Target>;
    /**
     * Tables the members' relations point at, built as stand-ins: their columns, and only the
     * relations that stay inside the piece. Each is a member of another piece.
     */
    readonly neighbors: ReadonlySet<Target>;
    /** Members and neighbors, in the order TypeORM listed them. */
    readonly tables: readonly TableArgs[];
}

/**
 * Cuts `tables` into pieces of about `size` members. A unit that must be built together stays in
 * one piece: a class with the entity classes it inherits from or that inherit from it (single-table
 * inheritance puts the children's columns in the parent's table) and entities naming the same table.
 * Null when the set cannot be cut: a single-table child declared without a class, a relation whose
 * target is no table of the set (TypeORM's own build then reports it) or is a name several tables
 * answer to, or a view whose query is built from entities (a query builder over a stand-in, which
 * lacks relations, could select less).
 */
export function planPieces(tables: readonly TableArgs[], args: ArgsLists, size: number): Piece[] | null {
    const units = planUnits(tables, args);
    return units === null ? null : piecesOf(units, size, tables);
}

/** The smallest pieces a set can be cut into: each is one unit (see `planPieces`) with the tables its relations point at. */
export interface Unit {
    /** Positions in the tables, ascending. */
    readonly members: readonly number[];
    /** Positions of the other units' tables its members point at, ascending. */
    readonly neighbors: readonly number[];
}

/** `tables` cut into units, in the order of their first member; null when the set cannot be cut (see `planPieces`). */
export function planUnits(tables: readonly TableArgs[], args: ArgsLists): Unit[] | null {
    const uncut = (table: TableArgs) => (table.type === "entity-child" && typeof table.target !== "function") || typeof table.expression === "function";
    if (tables.some(uncut)) return null;
    const units = new UnionFind(tables.length);
    const find = tableFinder(tables);
    tables.forEach((table, i) => {
        for (const ancestor of classChain(table.target).slice(1)) {
            const at = find.byTarget.get(ancestor);
            if (at !== undefined) units.union(i, at);
        }
        if (table.name !== undefined) units.union(i, find.byGivenName.get(table.name) ?? i);
    });
    const declaredOn = argsByTarget([...args.relations, ...(args.foreignKeys ?? [])]);
    const embeddedOn = argsByTarget(args.embeddeds);
    const pointsAt: number[][] = [];
    for (let i = 0; i < tables.length; i++) {
        const targets: number[] = [];
        for (const declaring of declaringClasses(tables[i].target, embeddedOn)) {
            for (const relation of declaredOn.get(declaring) ?? []) {
                const at = find.of(relation.type, true);
                if (at === undefined) return null;
                targets.push(at);
            }
        }
        for (const dependency of tables[i].dependsOn ?? []) {
            const at = find.of(dependency, false);
            if (at !== undefined) targets.push(at);
        }
        pointsAt.push(targets);
    }
    const groups = groupUnits(units, tables.length);
    return [...groups.values()].map((members) => {
        const inUnit = new Set(members);
        const neighbors = new Set<number>();
        for (const i of members) {
            for (const target of pointsAt[i]) {
                if (inUnit.has(target)) continue;
                for (const relative of groups.get(units.find(target)) ?? []) neighbors.add(relative);
            }
        }
        return { members, neighbors: [...neighbors].sort((a, b) => a - b) };
    });
}

/** Units put together, in order, into pieces of about `size` members. */
export function piecesOf(units: readonly Unit[], size: number, tables: readonly TableArgs[]): Piece[] {
    const pieces: Piece[] = [];
    let current: Unit[] = [];
    let count = 0;
    const close = () => {
        if (current.length > 0) pieces.push(pieceOf(current, tables));
        current = [];
        count = 0;
    };
    for (const unit of units) {
        current.push(unit);
        count += unit.members.length;
        if (count >= size) close();
    }
    close();
    return pieces;
}

function pieceOf(units: readonly Unit[], tables: readonly TableArgs[]): Piece {
    const inPiece = new Set(units.flatMap((unit) => unit.members));
    const neighborIndexes = new Set(units.flatMap((unit) => unit.neighbors.filter((i) => !inPiece.has(i))));
    const built = [...inPiece, ...neighborIndexes].sort((a, b) => a - b);
    return {
        members: new Set([...inPiece].map((i) => tables[i].target)),
        neighbors: new Set([...neighborIndexes].map((i) => tables[i].target)),
        tables: built.map((i) => tables[i]),
    };
}

/**
 * Table positions by what TypeORM resolves a relation's type with: the target itself, or for a name
 * the first entity whose target, class name or given table name it is. A name that several tables
 * answer to is ambiguous here (undefined): a piece holding only a later one would resolve it to that.
 */
function tableFinder(tables: readonly TableArgs[]) {
    const byTarget = new Map<Target, number>();
    const byGivenName = new Map<string, number>();
    const byName = new Map<string, Set<number>>();
    const answer = (name: string, i: number) => byName.set(name, (byName.get(name) ?? new Set()).add(i));
    tables.forEach((table, i) => {
        if (!byTarget.has(table.target)) byTarget.set(table.target, i);
        if (typeof table.target === "function") answer(table.target.name, i);
        if (typeof table.target === "string") answer(table.target, i);
        if (table.name !== undefined) {
            answer(table.name, i);
            if (!byGivenName.has(table.name)) byGivenName.set(table.name, i);
        }
    });
    const of = (type: unknown, called: boolean): number | undefined => {
        const resolved = resolveType(type, called);
        if (typeof resolved !== "string") return resolved === undefined ? undefined : byTarget.get(resolved);
        const answering = byName.get(resolved);
        return answering?.size === 1 ? [...answering][0] : undefined;
    };
    return { byTarget, byGivenName, of };
}

/**
 * What RelationMetadata makes of a relation's `type` (`called`: a function is a thunk, `() => User`)
 * or a view's `dependsOn` entry: a class, an EntitySchema's name, a name. Undefined when it has none.
 */
function resolveType(type: unknown, called: boolean): Target | undefined {
    let value = type;
    if (called && typeof type === "function") {
        try {
            value = (type as () => unknown)();
        } catch {
            return undefined;
        }
    }
    if (typeof value === "function" || typeof value === "string") return value;
    if (typeof value === "object" && value !== null) {
        const options = (value as { options?: { name?: unknown } }).options;
        if (options !== undefined && typeof options.name === "string") return options.name;
        const name = (value as { name?: unknown }).name;
        if (typeof name === "string") return name;
    }
    return undefined;
}

/** The class and the classes it extends (TypeORM collects an entity's arguments over this chain). */
function classChain(target: Target): Target[] {
    if (typeof target !== "function") return [target];
    const chain: Target[] = [];
    for (let at: unknown = target; typeof at === "function" && at !== Function.prototype; at = Object.getPrototypeOf(at)) chain.push(at);
    return chain;
}

/** Every class whose relation arguments end up on `target`'s table: its chain and its embedded classes, recursively. */
export function declaringClasses(target: Target, embeddedOn: ReadonlyMap<Target, readonly TargetedArgs[]>): Set<Target> {
    const seen = new Set<Target>();
    const visit = (classes: readonly Target[]) => {
        for (const declaring of classes) {
            if (seen.has(declaring)) continue;
            seen.add(declaring);
            for (const embedded of embeddedOn.get(declaring) ?? []) {
                const type = resolveType(embedded.type, true);
                if (type !== undefined) visit(classChain(type));
            }
        }
    };
    visit(classChain(target));
    return seen;
}

export function argsByTarget(list: readonly TargetedArgs[]): Map<Target, TargetedArgs[]> {
    const byTarget = new Map<Target, TargetedArgs[]>();
    for (const item of list) {
        const found = byTarget.get(item.target);
        if (found) found.push(item);
        else byTarget.set(item.target, [item]);
    }
    return byTarget;
}

function groupUnits(units: UnionFind, count: number): Map<number, number[]> {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
        const root = units.find(i);
        const group = groups.get(root);
        if (group) group.push(i);
        else groups.set(root, [i]);
    }
    return groups;
}

class UnionFind {
    private readonly parent: number[];

    constructor(count: number) {
        this.parent = Array.from({ length: count }, (_, i) => i);
    }

    find(i: number): number {
        let root = i;
        while (this.parent[root] !== root) root = this.parent[root];
        while (this.parent[i] !== root) [this.parent[i], i] = [root, this.parent[i]];
        return root;
    }

    union(a: number, b: number): void {
        const [ra, rb] = [this.find(a), this.find(b)];
        if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
