import { spawnSync } from "node:child_process";
import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { shellQuote } from "../shell-quote";
import { defineCommand } from "../define-command";

interface EditArgs extends CommonArgs {
    readonly revision: string;
}

export const editCommand = defineCommand({
    command: "edit [revision]",
    describe: "Open a revision's migration file in $VISUAL or $EDITOR (default: the head)",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .positional("revision", { type: "string", default: "head", describe: "A revision id or unique prefix, head, or <rev>-N" })
            .example("EDITOR=vim $0 edit", "edit the head revision"),
    handler: async (args: EditArgs, context: CommandContext) => {
        const bind = await context.singleBind("edit");
        await context.inBind(bind, async () => {
            const { graph } = lib().RevisionStore.open(bind.migrationsDir);
            const [revision] = lib().resolveTarget(graph, args.revision);
            if (revision === undefined) throw new CliError("no revision to edit", ExitCode.badInput);
            const editor = process.env.VISUAL || process.env.EDITOR;
            if (!editor) throw new CliError("set $EDITOR (or $VISUAL) to the editor to open", ExitCode.badInput);
            const file = graph.get(revision).file;
            // The editor setting may carry arguments (`code -w`), so it goes through the shell.
            const result = spawnSync(`${editor} ${shellQuote(file)}`, { stdio: "inherit", shell: true });
            if (result.status !== 0) throw new CliError(`${editor} exited with ${result.status ?? result.signal}`, ExitCode.failure);
        });
    },
});
