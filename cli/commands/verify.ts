import type { Argv } from "yargs";
import type { CommandContext, CommonArgs } from "../context";
import { describeOps } from "../describe-ops";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { defineCommand } from "../define-command";

export const verifyCommand = defineCommand({
    command: "verify",
    describe: "On a scratch database, run every migration up and down, checking each against its snapshot",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .example("$0 verify -d src/data-source.ts", "creates tm_verify_<random> beside the database, checks, drops it")
            .example("$0 verify --bind analytics", "one bind of typeorm-migrate.config.ts"),
    handler: async (args: CommonArgs, context: CommandContext) => {
        let exitCode: number = ExitCode.ok;
        for (const bind of await context.selectedBinds()) {
            await context.inBind(bind, () =>
                context.withBindConnection(bind, async (dataSource, store) => {
                    const scratch = await lib().createScratchDatabase(dataSource);
                    try {
                        // A fleet of schemas' chain names no schema: it is compared in the scratch database's default one.
                        const tenantSchema = lib().hasSchemaTargets(bind)
                            ? lib().dialectForDriver(dataSource.options.type).runtime.defaultSchema(scratch.dataSource)
                            : undefined;
                        const { steps, failure } = await lib().verifyMigrations(scratch.dataSource, store, undefined, { tenantSchema });
                        if (failure === null)
                            return context.say(
                                `Verified ${store.graph.size} revision(s) up and down on ${scratch.name}: each leaves the schema its snapshot describes.`,
                            );
                        exitCode = ExitCode.differences;
                        const what = `${failure.direction === "up" ? "upgrade to" : "downgrade from"} ${failure.revision} (${store.graph.get(failure.revision).name})`;
                        if (failure.error) {
                            throw new CliError(`verify: ${what} failed: ${failure.error.message.split("\n")[0]}`, ExitCode.failure);
                        }
                        context.say(
                            `After ${steps.length} step(s): the ${what} leaves a schema other than its snapshot describes (what would make the snapshot into the database):`,
                        );
                        describeOps(context, failure.ops);
                    } finally {
                        await scratch.drop();
                    }
                }),
            );
        }
        return exitCode;
    },
});
