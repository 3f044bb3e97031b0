import type { Op } from "../lib/diff/ops";
import { say } from "./context";

const marks: Record<Op["risk"], string> = { safe: "  ", "data-dependent": "? ", destructive: "! " };

/** One line per op (`! dropColumn post.body`), with the differ's reasons under --verbose. */
export function describeOps(ops: readonly Op[], verbose: boolean): void {
    for (const op of ops) {
        say(`${marks[op.risk]}${op.kind}: ${verbose ? op.reasons.join("; ") : (op.reasons[0] ?? "")}`);
    }
    if (ops.some((op) => op.risk === "data-dependent")) say(`"?" may fail on existing rows (NOT NULL, unique, foreign key).`);
    const destructive = ops.filter((op) => op.risk === "destructive").length;
    if (destructive > 0) say(`"!" ${destructive} destructive change(s): review the migration before running it.`);
}
