import type { ResolvedBind } from "../lib/index";
import type { CommandContext } from "./context";
import { describeOps } from "./describe-ops";
import { includeFor } from "./exclude";
import { ExitCode } from "./exit-codes";
import { FleetRun } from "./fleet/fleet-run";
import type { FleetArgs } from "./fleet/fleet-options";
import { lib } from "./lib";

/**
 * `check --db`: each bind's live database against the snapshot of the revision it is at. Drift
 * (objects added, missing or changed by hand) is listed in the differ's words; exit 1 if any.
 */
export async function checkDatabases(
    context: CommandContext,
    args: FleetArgs & { readonly exclude: readonly string[] },
    binds: readonly ResolvedBind[],
): Promise<number> {
    const fleet = new FleetRun(context, args, "rerun `check --db` once the failed targets are reachable");
    for (const bind of binds) {
        const include = includeFor([...bind.exclude, ...args.exclude]);
        await context.inBind(bind, () =>
            fleet.run(bind, (database, target) =>
                database.withBindConnection(
                    bind,
                    async (dataSource, store) => {
                        const { applied } = await new (lib().Runner)(dataSource, store).state();
                        const at = store.graph.currentHeads(applied);
                        const { ops } = await lib().detectDrift(dataSource, store, at, include, { tenantSchema: target?.schema });
                        const where = at.length === 0 ? "<base>" : at.join(", ");
                        const report = {
                            from: where,
                            to: where,
                            status: ops.length === 0 ? "no drift" : `drift in ${ops.length} place(s)`,
                            json: { at, drift: ops.map((op) => ({ kind: op.kind, risk: op.risk, reasons: op.reasons })) },
                            exitCode: ops.length === 0 ? ExitCode.ok : ExitCode.differences,
                        };
                        if (ops.length === 0) {
                            database.say(`No drift: the database matches the snapshot of ${where}.`);
                            return report;
                        }
                        database.say(
                            `The database differs from the snapshot of ${where} in ${ops.length} place(s) (what would make the snapshot into the database):`,
                        );
                        describeOps(database, ops);
                        return report;
                    },
                    target,
                ),
            ),
        );
    }
    return fleet.finish();
}
