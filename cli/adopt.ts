import { rmSync } from "node:fs";
import { relative } from "node:path";
import type { PlannedRevision, ResolvedBind } from "../lib/index";
import type { CommandContext } from "./context";
import { includeFor } from "./exclude";
import { CliError, ExitCode } from "./exit-codes";
import { lib } from "./lib";

const message = "Baseline of the existing database";

/**
 * `init --from-db`: for each bind, a baseline revision describing its live database, and the
 * database stamped at it, so that the next `generate` holds only what differs between the
 * entities and that database. TypeORM migrations already recorded there stay, and the baseline
 * names them. Every bind is read before anything is written. What the bind's `exclude` leaves out
 * is not adopted.
 */
export async function adoptDatabases(context: CommandContext, binds: readonly ResolvedBind[]): Promise<void> {
    const planned: [ResolvedBind, PlannedRevision, number][] = [];
    for (const bind of binds) {
        await context.inBind(bind, async () => {
            if (lib().RevisionStore.open(bind.migrationsDir).graph.size > 0) {
                throw new CliError(
                    `${relative(process.cwd(), bind.migrationsDir)} already has revisions: --from-db adopts a database into an empty bind`,
                    ExitCode.badInput,
                );
            }
            if (lib().hasSchemaTargets(bind)) {
                throw new CliError(
                    `bind "${bind.name}" runs in each tenant's schema: --from-db adopts one database, not yet a fleet of schemas`,
                    ExitCode.badInput,
                );
            }
            const entities = await lib().readSchema(await bind.dataSource(), { serverVersion: bind.serverVersion });
            await context.withBindConnection(bind, async (dataSource, store) => {
                const { foreign } = await new (lib().Runner)(dataSource, store).state();
                const include = includeFor(bind.exclude);
                const read = await lib().introspect(dataSource, { reference: entities, include });
                const live = include === undefined ? read : lib().filterSchema(read, include);
                planned.push([bind, lib().planBaseline(store, live, foreign, { message, bind: bind.name, now: Date.now() }), foreign.length]);
            });
        });
    }
    for (const [bind, baseline, adopted] of planned) {
        await context.inBind(bind, async () => {
            const written = lib().writeRevision(bind.migrationsDir, baseline, bind.migrationFiles);
            try {
                await context.withBindConnection(bind, (dataSource, store) => new (lib().Runner)(dataSource, store).stamp(baseline.revision));
            } catch (error) {
                rmSync(written.migrationFile, { force: true });
                rmSync(written.deltaFile, { force: true });
                throw error;
            }
            context.say(
                `Generated ${relative(process.cwd(), written.migrationFile)} (revision ${baseline.revision}) from the live database and stamped it there${adopted > 0 ? `; it stands on ${adopted} TypeORM migration(s) already recorded` : ""}.`,
            );
        });
    }
}
