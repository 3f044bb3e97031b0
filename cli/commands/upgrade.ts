import type { Argv, CommandModule } from "yargs";
import { selectedBinds, type CommonArgs } from "../context";
import { applyRevisions } from "../apply-revisions";
import { lib } from "../lib";
import { runCommand } from "../run-command";

interface UpgradeArgs extends CommonArgs {
    readonly target: string;
    readonly resume: boolean;
}

export const upgradeCommand: CommandModule<CommonArgs, UpgradeArgs> = {
    command: "upgrade [target]",
    describe: "Apply migrations up to a revision (default: head), on every bind",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .positional("target", { type: "string", default: "head", describe: "head, heads, a revision id or unique prefix, +N, or <rev>+N" })
        .option("resume", { type: "boolean", default: false, describe: "Continue a migration that failed part way (MySQL), skipping the statements it applied" })
        .example("$0 upgrade -d src/data-source.ts", "apply every pending migration")
        .example("$0 upgrade 3f9c -d src/data-source.ts", "apply up to revision 3f9c...")
        .example("$0 upgrade +1 -d src/data-source.ts", "apply the next migration only")
        .example("$0 upgrade heads", "apply every branch (before they are merged)")
        .example("$0 upgrade --bind analytics", "only the analytics bind of typeorm-migrate.config.ts")
        .example("$0 upgrade --resume", "after fixing the statement a MySQL migration failed at") as Argv<UpgradeArgs>,
    handler: runCommand((args: UpgradeArgs) =>
        applyRevisions(args, selectedBinds(args), "up", (store, state) => lib().resolveTarget(store.graph, args.target, store.graph.currentHeads(state.applied)), { resume: args.resume })),
};
