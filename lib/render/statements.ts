import { applyOpsWithStates } from "../diff/apply";
import type { Op } from "../diff/ops";
import { emitOp, type DialectModule, type Statement } from "../dialects/dialect";
import type { Schema } from "../schema/model";

export interface OpStatements {
    readonly op: Op;
    readonly statements: readonly Statement[];
}

/**
 * The SQL for a list of ops applied to `start`, op by op, each emitter seeing the states around
 * its op and the migration's start and end.
 */
export function renderStatements(dialect: DialectModule, start: Schema, ops: readonly Op[]): OpStatements[] {
    const states = applyOpsWithStates(start, ops);
    const end = states[states.length - 1];
    return ops.map((op, i) => ({
        op,
        statements: emitOp(dialect, op, { before: states[i], after: states[i + 1], start, end }),
    }));
}
