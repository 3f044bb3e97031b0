import type { ResolvedBind } from "../lib/index";
import type { CommandContext } from "./context";
import { describeOps } from "./describe-ops";
import { includeFor } from "./exclude";
import { ExitCode } from "./exit-codes";
import { printBindsJson } from "./json-output";
import { lib } from "./lib";

/**
 * `check --db`: each bind's live database against the snapshot of the revision it is at. Drift
 * (objects added, missing or changed by hand) is listed in the differ's words; exit 1 if any.
 */
export async function checkDatabases(
    context: CommandContext,
    args: { readonly exclude: readonly string[]; readonly json: boolean },
    binds: readonly ResolvedBind[],
): Promise<number> {
    let exitCode: number = ExitCode.ok;
    const report: { bind: string; at: readonly string[]; drift: unknown[] }[] = [];
    for (const bind of binds) {
        await context.inBind(bind, () =>
            context.withBindConnection(bind, async (dataSource, store) => {
                const { applied } = await new (lib().Runner)(dataSource, store).state();
                const at = store.graph.currentHeads(applied);
                const { ops } = await lib().detectDrift(dataSource, store, at, includeFor([...bind.exclude, ...args.exclude]));
                if (ops.length > 0) exitCode = ExitCode.differences;
                const where = at.length === 0 ? "<base>" : at.join(", ");
                if (args.json)
                    return void report.push({ bind: bind.name, at, drift: ops.map((op) => ({ kind: op.kind, risk: op.risk, reasons: op.reasons })) });
                if (ops.length === 0) return context.say(`No drift: the database matches the snapshot of ${where}.`);
                context.say(`The database differs from the snapshot of ${where} in ${ops.length} place(s) (what would make the snapshot into the database):`);
                describeOps(context, ops);
            }),
        );
    }
    if (args.json) printBindsJson(report);
    return exitCode;
}
