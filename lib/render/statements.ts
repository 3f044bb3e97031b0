import { WorkingSchema } from "../diff/apply";
import { isStructuralRename, type Op } from "../diff/ops";
import { emitOp, type DialectModule, type EmitContext, type Statement } from "../dialects/dialect";
import type { MemberRef, Schema } from "../schema/model";
import { memberKey } from "../schema/keys";
import { makesNotNull, notNullColumn } from "../diff/backfills";

export interface RenderOptions {
    /** The lock-friendly forms of each op, where the dialect has them (see `EmitContext.online`). */
    readonly online?: boolean;
}

export interface OpStatements {
    readonly op: Op;
    readonly statements: readonly Statement[];
}

/**
 * The SQL for a list of ops applied to `start`, op by op, each emitter seeing the states around
 * its op and the start and end of its segment. Table and column renames form segments of their
 * own: the ops after them see the renamed tables as there from the start (and the ops before
 * trailing renames, in a down migration, see the old names until the end), so a dialect that
 * plans per table never mistakes a renamed table for a new one. States are built only when an
 * emitter asks for one, so a migration of thousands of ops stays linear.
 */
export function renderStatements(dialect: DialectModule, start: Schema, ops: readonly Op[], options: RenderOptions = {}): OpStatements[] {
    const online = options.online ?? false;
    const segments = segmentBounds(ops);
    const states = new LazyStates(start, ops, new Set(segments.flat()));
    const backfills = userBackfills(ops);
    const backfillFor = (column: MemberRef) => backfills.get(memberKey(column)) ?? null;
    return ops.map((op, i) => {
        const [first, last] = segments[i];
        const ctx: EmitContext = {
            get before() {
                return states.at(i);
            },
            get after() {
                return states.at(i + 1);
            },
            get start() {
                return states.at(first);
            },
            get end() {
                return states.at(last);
            },
            backfillFor,
            online,
        };
        return { op, statements: emitOp(dialect, op, ctx) };
    });
}

/** The values the user gave for rows already there, by the column as its op names it. */
function userBackfills(ops: readonly Op[]): Map<string, string> {
    const values = new Map<string, string>();
    for (const op of ops) {
        if (makesNotNull(op) && op.backfill !== undefined) values.set(memberKey(notNullColumn(op)), op.backfill);
    }
    return values;
}

/** For each op, the indexes of the states that open and close its segment. */
function segmentBounds(ops: readonly Op[]): [number, number][] {
    const bounds: [number, number][] = [];
    let first = 0;
    for (let i = 0; i <= ops.length; i++) {
        if (i === ops.length || (i > first && isStructuralRename(ops[i]) !== isStructuralRename(ops[first]))) {
            for (let j = first; j < i; j++) bounds.push([first, i]);
            first = i;
        }
    }
    return bounds;
}

/**
 * The schema after the first `i` ops, computed forward from the last one asked for. Only segment
 * bounds (asked for by every op of a segment) and the latest state are kept: keeping every state
 * of a 10,000-table migration would hold 10,000 copies of the schema.
 */
class LazyStates {
    private readonly cache = new Map<number, Schema>();
    private latest: [number, Schema] | null = null;
    private cursor: WorkingSchema;
    private position = 0;

    constructor(
        private readonly start: Schema,
        private readonly ops: readonly Op[],
        private readonly pinned: ReadonlySet<number>,
    ) {
        this.cursor = new WorkingSchema(start);
        this.cache.set(0, start);
    }

    at(index: number): Schema {
        const cached = this.cache.get(index) ?? (this.latest?.[0] === index ? this.latest[1] : undefined);
        if (cached) return cached;
        if (index < this.position) {
            this.cursor = new WorkingSchema(this.start);
            this.position = 0;
        }
        for (; this.position < index; this.position++) this.cursor.apply(this.ops[this.position]);
        const state = this.cursor.toSchema();
        if (this.pinned.has(index)) this.cache.set(index, state);
        else this.latest = [index, state];
        return state;
    }
}
