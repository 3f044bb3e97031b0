import type { Argv, CommandModule } from "yargs";
import type { CommonArgs } from "../context";
import { applyRevisions } from "../apply-revisions";
import { CliError, ExitCode } from "../exit-codes";
import { runCommand } from "../run-command";

interface DowngradeArgs extends CommonArgs {
    readonly target?: string;
}

export const downgradeCommand: CommandModule<CommonArgs, DowngradeArgs> = {
    command: "downgrade [target]",
    describe: "Revert migrations down to a revision (default: one step back; base: all)",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .positional("target", { type: "string", describe: "base, a revision id or a unique prefix of one" })
        .example("$0 downgrade -d src/data-source.ts", "revert the last migration")
        .example("$0 downgrade base -d src/data-source.ts", "revert every migration") as Argv<DowngradeArgs>,
    handler: runCommand((args: DowngradeArgs) => applyRevisions(args, "down", (store, state) => {
        if (args.target !== undefined) return store.graph.resolve(args.target);
        const current = store.graph.currentHeads(state.applied);
        if (current.length === 0) return undefined;
        if (current.length > 1) {
            throw new CliError(`the database is at several revisions (${current.join(", ")}): name the target`, ExitCode.badInput);
        }
        return store.graph.get(current[0]).parents[0] ?? null;
    })),
};
