import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { defineCommand } from "../define-command";
import { initTemplates } from "../templates/templates";

export const listTemplatesCommand = defineCommand({
    command: "list-templates",
    describe: "List the layouts `init --template` can write",
    builder: (yargs: Argv<CommonArgs>) => yargs.example("$0 list-templates", "generic, multidb"),
    handler: async (_args: CommonArgs, context: CommandContext) => {
        context.say("Available templates:");
        for (const [name, description] of Object.entries(initTemplates)) context.say(`  ${name.padEnd(8)} ${description}`);
        context.say("");
        context.say("Use one with: typeorm-migrate init --template <name>");
    },
});
