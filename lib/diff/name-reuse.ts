import type { Schema } from "../schema/model";
import { sameTable } from "../schema/keys";
import { dispatchOp, type Op } from "./ops";
import { NameHolders, nameSpaceKey, namesGiven, namesHeldIn, type Holder, type NameEffects, type Tenure } from "./name-holders";

/**
 * Reorders `ops` (applied to `start`) so that no op creates, or renames to, a name another object
 * still holds (see `nameSpaceKey` for which names clash): the op that frees the name goes first.
 * Ops already in a valid order come back as they are. Because a valid list passes through the
 * same states backwards, its inverse (the down migration) is valid too.
 *
 * - The op freeing the name moves up to just before the op taking it, with what must precede it
 *   (the foreign key dropped before the unique it stands on, a chain of renames), naming a table
 *   as it is called there when it moves above the table's rename.
 * - Or a rename waits until the holder of its new name is gone (or renamed away); a create waits
 *   when nothing in between needs what it creates.
 * - Two objects swapping names go through a temporary name (`tm_swap_<n>`); an index is dropped
 *   and created again instead (SQLite cannot rename an index).
 * - A renamed object that is dropped later anyway (to be re-created) is dropped under its old name.
 * What ops read and write decides what may move past what (see `NameEffects`); a clash the pass
 * cannot resolve is left as it is (the holder never lets go: the dialect allows both, as MySQL
 * does for index names on two tables).
 *
 * @example
 * // A loses its index IDX_shared while B's IDX_old becomes IDX_shared:
 * // [renameIndex b.IDX_old → IDX_shared, dropIndex a.IDX_shared] becomes
 * // [dropIndex a.IDX_shared, renameIndex b.IDX_old → IDX_shared]
 */
export function freeNamesBeforeReuse(start: Schema, ops: readonly Op[]): Op[] {
    if (!mayReuseNames(start, ops)) return [...ops];
    let current = [...ops];
    // Taking ops none of the strategies could move: not tried again. (A holder that never lets go,
    // as MySQL keeps index names per table, is no clash to resolve and is skipped below.)
    const unresolvable = new Set<Op>();
    // Each round resolves one clash; the bound only guards against a pair of strategies undoing each
    // other. Whatever is left when it runs out stays as the ops were.
    for (let round = 0; round < 4 * ops.length + 16; round++) {
        const trace = follow(start, current);
        let resolved: Op[] | null = null;
        for (const conflict of trace.conflicts) {
            if (conflict.freedAt === null || unresolvable.has(current[conflict.at])) continue;
            resolved = resolve(current, trace, conflict);
            if (resolved !== null) break;
            unresolvable.add(current[conflict.at]);
        }
        if (resolved === null) return current;
        current = resolved;
    }
    return current;
}

/** Whether some name the ops give is held at the start or given twice: only then can a name clash. */
function mayReuseNames(start: Schema, ops: readonly Op[]): boolean {
    const given = new Set<string>();
    for (const op of ops) {
        for (const key of dispatchOp(namesGiven, op)) {
            if (given.has(key)) return true;
            given.add(key);
        }
    }
    if (given.size === 0) return false;
    const held = namesHeldIn(start);
    for (const key of given) if (held.has(key)) return true;
    return false;
}

/** Op `at` takes `name` for `taker` while others still hold it; `freedAt` is where the last of them lets go. */
interface Conflict {
    readonly at: number;
    readonly taker: Holder;
    readonly name: string;
    readonly freedAt: number | null;
}

interface Trace {
    readonly effects: readonly NameEffects[];
    readonly conflicts: readonly Conflict[];
    /** Every name space key any state of the list uses, to pick a temporary name outside them. */
    namesUsed(): ReadonlySet<string>;
}

/** Follows the ops over the named objects, noting each name taken while held. */
function follow(start: Schema, ops: readonly Op[]): Trace {
    const holders = new NameHolders(start);
    const effects: NameEffects[] = [];
    const taken: { at: number; taker: Holder; name: string }[] = [];
    for (const [at, op] of ops.entries()) {
        const effect = holders.effectsOf(op);
        effects.push(effect);
        holders.apply(effect, at);
        for (const taker of effect.takes) taken.push({ at, taker, name: taker.name });
        for (const { holder, after } of effect.renames) taken.push({ at, taker: holder, name: after });
    }
    const conflicts = taken.flatMap((t): Conflict[] => {
        const clash = clashAt(holders.tenures({ schema: t.taker.schema, name: t.name }), t.at, t.taker);
        return clash === undefined ? [] : [{ ...t, freedAt: clash }];
    });
    const namesUsed = () => new Set([...namesHeldIn(start), ...ops.flatMap((op) => dispatchOp(namesGiven, op))]);
    return { effects, conflicts, namesUsed };
}

/**
 * Whether others hold the name when op `at` gives it to `taker`: undefined if not; else the op
 * after which the last of them has let go, or null if one never does.
 */
function clashAt(tenures: readonly Tenure[], at: number, taker: Holder): number | null | undefined {
    let clash: number | null | undefined;
    for (const t of tenures) {
        if (t.holder === taker || t.from > at || (t.until !== null && t.until <= at)) continue;
        if (t.until === null) return null;
        clash = Math.max(clash ?? -1, t.until);
    }
    return clash;
}

function resolve(ops: readonly Op[], trace: Trace, conflict: Conflict): Op[] | null {
    if (conflict.freedAt === null) return null;
    const op = ops[conflict.at];
    if (op.kind === "renameIndex" || op.kind === "renameConstraint" || op.kind === "renameEnum") {
        return (
            droppedUnderOldName(ops, trace, conflict, conflict.freedAt) ??
            hoistRelease(ops, trace, conflict, conflict.freedAt) ??
            renameLater(ops, trace, conflict, conflict.freedAt)
        );
    }
    return (
        hoistRelease(ops, trace, conflict, conflict.freedAt) ?? takeLater(ops, trace, conflict, conflict.freedAt) ?? splitRelease(ops, trace, conflict.freedAt)
    );
}

/**
 * A member rename that frees the name but cannot move up as a whole (it renames to the name the
 * taking op gives up: a table and its key swapping names) is split in two, through a temporary
 * name (an index: dropped and created again), so that its first half can move up.
 */
function splitRelease(ops: readonly Op[], trace: Trace, freedAt: number): Op[] | null {
    const op = ops[freedAt];
    if (op.kind !== "renameIndex" && op.kind !== "renameConstraint" && op.kind !== "renameEnum") return null;
    const schema = op.kind === "renameConstraint" ? op.table.schema : op.before.schema;
    const halves = op.kind === "renameIndex" ? dropAndCreate(op) : throughTemporary(op, temporaryName(trace.namesUsed(), schema));
    return [...ops.slice(0, freedAt), ...halves, ...ops.slice(freedAt + 1)];
}

type MemberRename = Extract<Op, { kind: "renameIndex" | "renameConstraint" | "renameEnum" }>;

/** A member renamed and then dropped before the name is free (to be re-created): dropped under its old name instead. */
function droppedUnderOldName(ops: readonly Op[], trace: Trace, conflict: Conflict, freedAt: number): Op[] | null {
    const droppedAt = range(conflict.at + 1, freedAt).find((k) => trace.effects[k].frees.includes(conflict.taker));
    if (droppedAt === undefined) return null;
    const dropped = underName(ops[droppedAt], oldNameOf(ops[conflict.at] as MemberRename));
    if (dropped === null) return null;
    return ops.flatMap((o, k) => (k === conflict.at ? [] : k === droppedAt ? [dropped] : [o]));
}

/**
 * A member rename moves to just after the op that frees its new name. When an op in between
 * takes the name it gives up (two objects swapping names, say), it gives it up where it was, for
 * a temporary name.
 */
function renameLater(ops: readonly Op[], trace: Trace, conflict: Conflict, freedAt: number): Op[] | null {
    const { at, taker } = conflict;
    const op = ops[at] as MemberRename;
    const between = range(at + 1, freedAt + 1);
    // A rename changes no more than the name: only the ops that drop, create or rename the same object stay on their side of it.
    if (between.some((k) => k !== freedAt && writes(trace.effects[k], taker))) return null;
    let later: Op | null = op;
    for (const k of between) later = later === null ? null : afterStructuralRename(later, ops[k]);
    if (later === null) return null;
    const reason = `waits for the name ${conflict.name} to be freed`;
    const givenUp = nameSpaceKey({ schema: taker.schema, name: oldNameOf(op) });
    if (between.some((k) => takesName(trace.effects[k], givenUp))) {
        const [first, second] = op.kind === "renameIndex" ? dropAndCreate(op) : throughTemporary(op, temporaryName(trace.namesUsed(), taker.schema));
        let moved: Op | null = second;
        for (const k of between) moved = moved === null ? null : afterStructuralRename(moved, ops[k]);
        if (moved === null) return null;
        return [...ops.slice(0, at), first, ...ops.slice(at + 1, freedAt + 1), withReason(moved, reason), ...ops.slice(freedAt + 1)];
    }
    return [...ops.slice(0, at), ...ops.slice(at + 1, freedAt + 1), withReason(later, reason), ...ops.slice(freedAt + 1)];
}

function takesName(effect: NameEffects, key: string): boolean {
    return effect.takes.some((h) => nameSpaceKey(h) === key) || effect.renames.some((r) => nameSpaceKey({ schema: r.holder.schema, name: r.after }) === key);
}

/**
 * The op that frees the name moves up to just before the op that takes it, together with the ops
 * in between that free the name it renames to, if it is a rename (a chain of renames). A member
 * rename moved above the rename of its table names the table as it is called there.
 */
function hoistRelease(ops: readonly Op[], trace: Trace, conflict: Conflict, freedAt: number): Op[] | null {
    const between = range(conflict.at, freedAt);
    const group = new Set([freedAt]);
    for (let grew = true; grew;) {
        grew = false;
        for (const m of [...group]) {
            const effect = trace.effects[m];
            if (effect.takes.length > 0) return null;
            const targets = effect.renames.map((r) => nameSpaceKey({ schema: r.holder.schema, name: r.after }));
            for (const k of between.filter((k) => k < m && !group.has(k) && freesName(trace.effects[k], targets))) {
                if (k === conflict.at) return null;
                group.add(k);
                grew = true;
            }
            // What must go before it goes up with it (the foreign key before the unique it stands on).
            const structural = (k: number) => ops[k].kind === "renameTable" || ops[k].kind === "renameColumn";
            for (const k of between.filter(
                (k) => k > conflict.at && k < m && !group.has(k) && !structural(k) && dependent(trace.effects[k], hoisted(ops, trace, m)),
            )) {
                group.add(k);
                grew = true;
            }
        }
    }
    const members = [...group].sort((x, y) => x - y);
    const stays = between.filter((k) => !group.has(k));
    for (const m of members) {
        // A view reads tables and views its SQL names, all of them as far as this pass knows, but dropping it sooner never hurts them.
        const effect = hoisted(ops, trace, m);
        const renamesTableOf = (k: number) => ops[k].kind === "renameTable" && beforeStructuralRename(ops[m], ops[k]) !== ops[m];
        if (stays.some((k) => k < m && !renamesTableOf(k) && dependent(trace.effects[k], effect))) return null;
    }
    const moved: Op[] = [];
    for (const m of members) {
        let op: Op | null = ops[m];
        for (const k of stays.filter((k) => k < m).reverse()) op = op === null ? null : beforeStructuralRename(op, ops[k]);
        if (op === null) return null;
        moved.push(op);
    }
    return [...ops.slice(0, conflict.at), ...moved, ...stays.map((k) => ops[k]), ...ops.slice(freedAt + 1)];
}

/**
 * Member op `op` (a rename, or the create of a swapped index) as it reads after `later` when
 * moved below it: on the table's new name after a rename of its table; null when it cannot move
 * below (a renamed column the index lists).
 */
function afterStructuralRename(op: Op, later: Op): Op | null {
    if (op.kind !== "renameIndex" && op.kind !== "renameConstraint" && op.kind !== "createIndex") return op;
    const on = op.kind === "renameIndex" ? op.before : op.kind === "createIndex" ? op.index : op.table;
    if (later.kind === "renameColumn") return op.kind !== "renameConstraint" && sameTable(later.before, on) ? null : op;
    if (later.kind !== "renameTable" || !sameTable(later.before, on)) return op;
    const table = { schema: later.after.schema, table: later.after.table };
    if (op.kind === "renameIndex") return { ...op, before: { ...op.before, ...table }, after: { ...op.after, ...table } };
    if (op.kind === "createIndex") return { ...op, index: { ...op.index, ...table } };
    return { ...op, table };
}

/** The effects of op `m` as they matter when it moves earlier: a view reads everything, but dropping it sooner never hurts what it reads. */
function hoisted(ops: readonly Op[], trace: Trace, m: number): NameEffects {
    return ops[m].kind === "dropView" ? { ...trace.effects[m], uses: [] } : trace.effects[m];
}

function freesName(effect: NameEffects, keys: readonly string[]): boolean {
    return (
        effect.frees.some((h) => keys.includes(nameSpaceKey(h))) ||
        effect.renames.some((r) => keys.includes(nameSpaceKey({ schema: r.holder.schema, name: r.before })))
    );
}

/**
 * Member op `op` (a rename or a drop) as it reads before `earlier` when moved above it: on the
 * table's old name after a rename of its table (the same op when `earlier` does not concern it);
 * null when it cannot move above (a renamed column that a renamed index lists).
 */
function beforeStructuralRename(op: Op, earlier: Op): Op | null {
    if (earlier.kind === "renameColumn") {
        return op.kind === "renameIndex" && sameTable(earlier.after, op.before) ? null : op;
    }
    if (earlier.kind !== "renameTable") return op;
    const from = earlier.after;
    const to = { schema: earlier.before.schema, table: earlier.before.table };
    const onIt = (ref: { schema: string; table: string }) => sameTable(ref, from);
    const moved = <T extends { schema: string; table: string }>(ref: T): T => (onIt(ref) ? { ...ref, ...to } : ref);
    switch (op.kind) {
        case "renameIndex":
            return onIt(op.before) ? { ...op, before: moved(op.before), after: moved(op.after) } : op;
        case "renameConstraint":
            return onIt(op.table) ? { ...op, table: moved(op.table) } : op;
        case "dropIndex":
            return onIt(op.index) ? { ...op, index: moved(op.index) } : op;
        case "dropUnique":
            return onIt(op.unique) ? { ...op, unique: moved(op.unique) } : op;
        case "dropCheck":
            return onIt(op.check) ? { ...op, check: moved(op.check) } : op;
        case "dropExclusion":
            return onIt(op.exclusion) ? { ...op, exclusion: moved(op.exclusion) } : op;
        case "dropPrimaryKey":
            return onIt(op.primaryKey) ? { ...op, primaryKey: moved(op.primaryKey) } : op;
        case "dropForeignKey": {
            const fk = op.foreignKey;
            const referenced = onIt({ schema: fk.referencedSchema, table: fk.referencedTable });
            if (!onIt(fk) && !referenced) return op;
            return { ...op, foreignKey: { ...moved(fk), ...(referenced ? { referencedSchema: to.schema, referencedTable: to.table } : {}) } };
        }
        default:
            return op;
    }
}

/** The op that takes the name moves down to just after the op that frees it. */
function takeLater(ops: readonly Op[], trace: Trace, conflict: Conflict, freedAt: number): Op[] | null {
    const op = ops[conflict.at];
    if (op.kind === "renameTable" || op.kind === "renameColumn") return null;
    if (range(conflict.at + 1, freedAt).some((k) => dependent(trace.effects[conflict.at], trace.effects[k]))) return null;
    return [
        ...ops.slice(0, conflict.at),
        ...ops.slice(conflict.at + 1, freedAt + 1),
        withReason(op, `waits for the name ${conflict.name} to be freed`),
        ...ops.slice(freedAt + 1),
    ];
}

/** Two ops whose order matters: one writes (drops, creates, renames) what the other reads or writes. */
function dependent(a: NameEffects, b: NameEffects): boolean {
    const written = (e: NameEffects) => new Set([...e.frees, ...e.takes, ...e.renames.map((r) => r.holder)]);
    // Readers name a table, never a key or index: only a table's rename matters to them.
    const moved = (e: NameEffects) => new Set([...e.frees, ...e.takes, ...e.renames.filter((r) => r.holder.kind === "table").map((r) => r.holder)]);
    const [writesA, writesB] = [written(a), written(b)];
    const [movesA, movesB] = [moved(a), moved(b)];
    return [...writesB].some((h) => writesA.has(h)) || b.uses.some((h) => movesA.has(h)) || a.uses.some((h) => movesB.has(h));
}

function writes(effect: NameEffects, holder: Holder): boolean {
    return effect.frees.includes(holder) || effect.takes.includes(holder) || effect.renames.some((r) => r.holder === holder);
}

function oldNameOf(op: MemberRename): string {
    return op.kind === "renameConstraint" ? op.before : op.before.name;
}

/** A constraint or enum rename split in two through `temporary` (an index is dropped and created instead: SQLite cannot rename one). */
function throughTemporary(op: Exclude<MemberRename, { kind: "renameIndex" }>, temporary: string): [Op, Op] {
    const via = (reason: string) => [...op.reasons, reason];
    if (op.kind === "renameConstraint") {
        return [
            { ...op, after: temporary, reasons: via(`renamed through ${temporary}: its new name is taken until then`) },
            { ...op, before: temporary, reasons: via(`renamed from ${temporary}`) },
        ];
    }
    const middle = { ...op.before, name: temporary };
    return [
        { ...op, after: middle, reasons: via(`renamed through ${temporary}: its new name is taken until then`) },
        { ...op, before: middle, reasons: via(`renamed from ${temporary}`) },
    ];
}

/**
 * An index swapping names is dropped and created again rather than renamed twice: SQLite cannot
 * rename an index at all, and a temporary index name would be one more object for its table
 * rebuilds to keep track of.
 */
function dropAndCreate(op: Extract<Op, { kind: "renameIndex" }>): [Op, Op] {
    const why = `its new name ${op.after.name} is taken until later: dropped and created again`;
    return [
        { kind: "dropIndex", index: op.before, reasons: [...op.reasons, why], risk: "safe" },
        { kind: "createIndex", index: op.after, reasons: [...op.reasons, why], risk: op.after.unique ? "data-dependent" : "safe" },
    ];
}

/** A short name no state of the list uses (short enough for every dialect's identifier limit). */
function temporaryName(used: ReadonlySet<string>, schema: string): string {
    for (let n = 1; ; n++) {
        const name = `tm_swap_${n}`;
        if (!used.has(nameSpaceKey({ schema, name }))) return name;
    }
}

/** The drop `op` of a member, naming it `name` instead. */
function underName(op: Op, name: string): Op | null {
    switch (op.kind) {
        case "dropIndex":
            return { ...op, index: { ...op.index, name } };
        case "dropUnique":
            return { ...op, unique: { ...op.unique, name } };
        case "dropCheck":
            return { ...op, check: { ...op.check, name } };
        case "dropForeignKey":
            return { ...op, foreignKey: { ...op.foreignKey, name } };
        case "dropExclusion":
            return { ...op, exclusion: { ...op.exclusion, name } };
        case "dropPrimaryKey":
            return { ...op, primaryKey: { ...op.primaryKey, name } };
        default:
            return null;
    }
}

function withReason(op: Op, reason: string): Op {
    return { ...op, reasons: [...op.reasons, reason] };
}

function range(from: number, to: number): number[] {
    return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}
