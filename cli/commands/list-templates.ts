import type { Argv, CommandModule } from "yargs";
import { say, type CommonArgs } from "../context";
import { runCommand } from "../run-command";
import { initTemplates } from "../templates/templates";

export const listTemplatesCommand: CommandModule<CommonArgs, CommonArgs> = {
    command: "list-templates",
    describe: "List the layouts `init --template` can write",
    builder: (yargs: Argv<CommonArgs>) => yargs.example("$0 list-templates", "generic, multidb"),
    handler: runCommand(async () => {
        say("Available templates:");
        for (const [name, description] of Object.entries(initTemplates)) say(`  ${name.padEnd(8)} ${description}`);
        say("");
        say("Use one with: typeorm-migrate init --template <name>");
    }),
};
