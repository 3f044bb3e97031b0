import type { Argv, CommandModule } from "yargs";
import type { CommonArgs } from "../context";
import { applyRevisions } from "../apply-revisions";
import { runCommand } from "../run-command";

interface UpgradeArgs extends CommonArgs {
    readonly target: string;
}

export const upgradeCommand: CommandModule<CommonArgs, UpgradeArgs> = {
    command: "upgrade [target]",
    describe: "Apply migrations up to a revision (default: head)",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .positional("target", { type: "string", default: "head", describe: "head, a revision id or a unique prefix of one" })
        .example("$0 upgrade -d src/data-source.ts", "apply every pending migration")
        .example("$0 upgrade 3f9c -d src/data-source.ts", "apply up to revision 3f9c...") as Argv<UpgradeArgs>,
    handler: runCommand((args: UpgradeArgs) => applyRevisions(args, "up", (store) => store.graph.resolve(args.target))),
};
