import type { Op } from "../lib/index";
import type { CommandContext } from "./context";

const marks: Record<Op["risk"], string> = { safe: "  ", "data-dependent": "? ", destructive: "! " };

/** One line per op (`! dropColumn post.body`), with the differ's reasons under --verbose. */
export function describeOps(context: CommandContext, ops: readonly Op[]): void {
    const verbose = context.args.verbose;
    for (const op of ops) {
        context.say(`${marks[op.risk]}${op.kind}: ${verbose ? op.reasons.join("; ") : (op.reasons[0] ?? "")}`);
    }
    if (ops.some((op) => op.risk === "data-dependent")) context.say(`"?" may fail on existing rows (NOT NULL, unique, foreign key).`);
    const destructive = ops.filter((op) => op.risk === "destructive").length;
    if (destructive > 0) context.say(`"!" ${destructive} destructive change(s): review the migration before running it.`);
}
