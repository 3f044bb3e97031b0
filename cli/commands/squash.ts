import type { Argv } from "yargs";
import type { CommonArgs } from "../context";
import { CliError, ExitCode } from "../exit-codes";
import { defineCommand } from "../define-command";

// Placeholder registered so that the command's owner edits only this file; replaced by the real command.
export const squashCommand = defineCommand({
    command: "squash",
    describe: "(being built)",
    builder: (yargs: Argv<CommonArgs>) => yargs,
    handler: () => Promise.reject(new CliError("squash is not built yet", ExitCode.badInput)),
});
