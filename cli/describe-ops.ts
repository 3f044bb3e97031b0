import type { Op, OpLock } from "../lib/index";
import type { CommandContext } from "./context";
import { lib } from "./lib";

const marks: Record<Op["risk"], string> = { safe: "  ", "data-dependent": "? ", destructive: "! " };

/**
 * One line per op (`! dropColumn post.body`), with the differ's reasons under --verbose; given the
 * ops' locks (`lockReport`), the lock under each op and, where it blocks writes, what to do instead.
 */
export function describeOps(context: CommandContext, ops: readonly Op[], locks?: readonly OpLock[]): void {
    const verbose = context.args.verbose;
    ops.forEach((op, i) => {
        context.say(`${marks[op.risk]}${op.kind}: ${verbose ? op.reasons.join("; ") : (op.reasons[0] ?? "")}`);
        const lock = locks?.[i];
        if (lock === undefined) return;
        context.say(`      lock: ${lib().describeLock(lock)}`);
        if (lock.lock.blocking && lock.lock.advice !== null) context.say(`      instead: ${lock.lock.advice}`);
    });
    if (ops.some((op) => op.risk === "data-dependent")) context.say(`"?" may fail on existing rows (NOT NULL, unique, foreign key).`);
    const destructive = ops.filter((op) => op.risk === "destructive").length;
    if (destructive > 0) context.say(`"!" ${destructive} destructive change(s): review the migration before running it.`);
    const blocking = (locks ?? []).filter(({ lock }) => lock.blocking).length;
    if (blocking > 0) context.say(`${blocking} change(s) BLOCK WRITES to their table while it is scanned, rewritten or indexed: see "instead" above.`);
}
