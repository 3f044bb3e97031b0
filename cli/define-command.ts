import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { CommandContext, type CommonArgs } from "./context";
import { reportError } from "./report-error";

/**
 * A command of the CLI. yargs infers the options from `builder`'s `.option(...)` chain (give the
 * builder's parameter its type, `Argv<CommonArgs>`, so that the inference starts there); a handler
 * that names its options with an interface is checked against what yargs infers. The handler
 * returns the exit code (none: 0); an error it throws is reported as one line and sets the exit code.
 *
 * @example
 * export const headsCommand = defineCommand({
 *     command: "heads",
 *     describe: "Show each bind's head revisions",
 *     builder: (yargs: Argv<CommonArgs>) => yargs.option("json", jsonOption),
 *     handler: async (args: HeadsArgs, context: CommandContext) => { ... },
 * });
 */
export interface CommandDefinition<Options extends CommonArgs> {
    readonly command: string;
    readonly aliases?: readonly string[];
    readonly describe: string;
    readonly builder: (yargs: Argv<CommonArgs>) => Argv<Options>;
    readonly handler: (args: ArgumentsCamelCase<NoInfer<Options>>, context: CommandContext) => Promise<number | void>;
}

/** The yargs command module of a command: each run gets its own context. */
export function defineCommand<Options extends CommonArgs>(definition: CommandDefinition<Options>): CommandModule<CommonArgs, Options> {
    const { handler, ...module } = definition;
    return {
        ...module,
        handler: async (args) => {
            const context = new CommandContext(args);
            try {
                process.exitCode = (await handler(args, context)) ?? 0;
            } catch (error) {
                process.exitCode = reportError(error, context.args.verbose);
            }
        },
    };
}
