import type { Schema } from "../schema/model";
import { dispatchOp, type Op } from "./ops";
import { NameHolders, nameSpaceKey, namesGiven, namesHeldIn, type Holder, type NameEffects } from "./name-holders";

/**
 * Reorders `ops` (applied to `start`) so that no op creates, or renames to, a name another object
 * still holds (see `nameSpaceKey` for which names clash): the op that frees the name goes first.
 * Ops already in a valid order come back as they are. Because a valid list passes through the
 * same states backwards, its inverse (the down migration) is valid too.
 *
 * - A rename waits until the holder of its new name is gone (or renamed away).
 * - Two objects swapping names go through a temporary name.
 * - A renamed object that is dropped later anyway (to be re-created) is dropped under its old name.
 * - Otherwise the op freeing the name moves up to just before the op taking it, or the taking op
 *   moves down to just after it, when nothing in between stands on the moved op's object.
 *
 * @example
 * // A loses its index IDX_shared while B's IDX_old becomes IDX_shared:
 * // [renameIndex b.IDX_old → IDX_shared, dropIndex a.IDX_shared] becomes
 * // [dropIndex a.IDX_shared, renameIndex b.IDX_old → IDX_shared]
 */
export function freeNamesBeforeReuse(start: Schema, ops: readonly Op[]): Op[] {
    if (!mayReuseNames(start, ops)) return [...ops];
    let current = [...ops];
    const unresolvable = new Set<Op>();
    for (let round = 0; round < 4 * ops.length + 16; round++) {
        const trace = follow(start, current);
        const conflict = trace.conflicts.find((c) => !unresolvable.has(current[c.at]));
        if (conflict === undefined) return current;
        const resolved = resolve(current, trace, conflict);
        if (resolved === null) unresolvable.add(current[conflict.at]);
        else current = resolved;
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

/** Op `at` takes `name` for `taker` while `holders` still hold it; `freedAt` is where the last of them lets go. */
interface Conflict {
    readonly at: number;
    readonly taker: Holder;
    readonly name: string;
    readonly holders: readonly Holder[];
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
    const open: { at: number; taker: Holder; name: string; holders: Holder[] }[] = [];
    for (const [at, op] of ops.entries()) {
        const effect = holders.effectsOf(op);
        effects.push(effect);
        holders.apply(effect);
        for (const taker of effect.takes.length + effect.renames.length === 0 ? [] : [...effect.takes, ...effect.renames.map((r) => r.holder)]) {
            const others = holders.othersHolding(taker, taker);
            if (others.length > 0) open.push({ at, taker, name: taker.name, holders: others });
        }
    }
    const conflicts = open.map((c): Conflict => ({ ...c, freedAt: lastRelease(effects, c) }));
    const namesUsed = () => new Set([...namesHeldIn(start), ...ops.flatMap((op) => dispatchOp(namesGiven, op))]);
    return { effects, conflicts, namesUsed };
}

/** Where, after the conflict, the last of its holders is dropped or renamed to another name; null if one never is. */
function lastRelease(effects: readonly NameEffects[], conflict: { at: number; name: string; holders: readonly Holder[] }): number | null {
    let last = -1;
    for (const holder of conflict.holders) {
        const at = effects.findIndex((effect, k) => k > conflict.at && releases(effect, holder, conflict.name));
        if (at < 0) return null;
        last = Math.max(last, at);
    }
    return last;
}

function releases(effect: NameEffects, holder: Holder, name: string): boolean {
    return effect.frees.includes(holder) ||
        effect.renames.some((r) => r.holder === holder && nameSpaceKey({ schema: holder.schema, name: r.after }) !== nameSpaceKey({ schema: holder.schema, name }));
}

function resolve(ops: readonly Op[], trace: Trace, conflict: Conflict): Op[] | null {
    if (conflict.freedAt === null) return null;
    const op = ops[conflict.at];
    if (op.kind === "renameIndex" || op.kind === "renameConstraint" || op.kind === "renameEnum") {
        return droppedUnderOldName(ops, trace, conflict, conflict.freedAt) ?? hoistRelease(ops, trace, conflict, conflict.freedAt) ??
            renameLater(ops, trace, conflict, conflict.freedAt);
    }
    return hoistRelease(ops, trace, conflict, conflict.freedAt) ?? takeLater(ops, trace, conflict, conflict.freedAt);
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
    if (between.some((k) => k !== freedAt && refersTo(trace.effects[k], taker))) return null;
    const reason = `waits for the name ${conflict.name} to be freed`;
    const givenUp = nameSpaceKey({ schema: taker.schema, name: oldNameOf(op) });
    if (between.some((k) => takesName(trace.effects[k], givenUp))) {
        const [first, second] = op.kind === "renameIndex" ? dropAndCreate(op) : throughTemporary(op, temporaryName(trace.namesUsed(), taker.schema));
        return [...ops.slice(0, at), first, ...ops.slice(at + 1, freedAt + 1), withReason(second, reason), ...ops.slice(freedAt + 1)];
    }
    return [...ops.slice(0, at), ...ops.slice(at + 1, freedAt + 1), withReason(op, reason), ...ops.slice(freedAt + 1)];
}

function takesName(effect: NameEffects, key: string): boolean {
    return effect.takes.some((h) => nameSpaceKey(h) === key) || effect.renames.some((r) => nameSpaceKey({ schema: r.holder.schema, name: r.after }) === key);
}

/** The op that frees the name moves up to just before the op that takes it. */
function hoistRelease(ops: readonly Op[], trace: Trace, conflict: Conflict, freedAt: number): Op[] | null {
    const release = trace.effects[freedAt];
    if (release.takes.length > 0 || release.renames.length > 0) return null;
    const moved = holdersOf(release);
    if (range(conflict.at, freedAt).some((k) => [...holdersOf(trace.effects[k])].some((h) => moved.has(h)))) return null;
    return [...ops.slice(0, conflict.at), ops[freedAt], ...ops.slice(conflict.at, freedAt), ...ops.slice(freedAt + 1)];
}

/** The op that takes the name moves down to just after the op that frees it. */
function takeLater(ops: readonly Op[], trace: Trace, conflict: Conflict, freedAt: number): Op[] | null {
    const op = ops[conflict.at];
    if (op.kind === "renameTable" || op.kind === "renameColumn") return null;
    const moved = holdersOf(trace.effects[conflict.at]);
    if (range(conflict.at + 1, freedAt).some((k) => [...holdersOf(trace.effects[k])].some((h) => moved.has(h)))) return null;
    return [...ops.slice(0, conflict.at), ...ops.slice(conflict.at + 1, freedAt + 1), withReason(op, `waits for the name ${conflict.name} to be freed`), ...ops.slice(freedAt + 1)];
}

function holdersOf(effect: NameEffects): Set<Holder> {
    return new Set([...effect.frees, ...effect.takes, ...effect.renames.map((r) => r.holder), ...effect.uses]);
}

function refersTo(effect: NameEffects, holder: Holder): boolean {
    return holdersOf(effect).has(holder);
}

function oldNameOf(op: MemberRename): string {
    return op.kind === "renameConstraint" ? op.before : op.before.name;
}

/** A rename split in two through `temporary`. */
function throughTemporary(op: MemberRename, temporary: string): [Op, Op] {
    const via = (reason: string) => [...op.reasons, reason];
    if (op.kind === "renameConstraint") {
        return [
            { ...op, after: temporary, reasons: via(`renamed through ${temporary}: its new name is taken until then`) },
            { ...op, before: temporary, reasons: via(`renamed from ${temporary}`) },
        ];
    }
    if (op.kind === "renameIndex") {
        const middle = { ...op.before, name: temporary };
        return [
            { ...op, after: middle, reasons: via(`renamed through ${temporary}: its new name is taken until then`) },
            { ...op, before: middle, reasons: via(`renamed from ${temporary}`) },
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
        case "dropIndex": return { ...op, index: { ...op.index, name } };
        case "dropUnique": return { ...op, unique: { ...op.unique, name } };
        case "dropCheck": return { ...op, check: { ...op.check, name } };
        case "dropForeignKey": return { ...op, foreignKey: { ...op.foreignKey, name } };
        case "dropExclusion": return { ...op, exclusion: { ...op.exclusion, name } };
        case "dropPrimaryKey": return { ...op, primaryKey: { ...op.primaryKey, name } };
        default: return null;
    }
}

function withReason(op: Op, reason: string): Op {
    return { ...op, reasons: [...op.reasons, reason] };
}

function range(from: number, to: number): number[] {
    return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}
