import type { Argv, CommandModule } from "yargs";
import { inBind, say, selectedBinds, withBindConnection, type CommonArgs } from "../context";
import { describeOps } from "../describe-ops";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { runCommand } from "../run-command";

export const verifyCommand: CommandModule<CommonArgs, CommonArgs> = {
    command: "verify",
    describe: "On a scratch database, run every migration up and down, checking each against its snapshot",
    builder: (yargs: Argv<CommonArgs>) =>
        yargs
            .example("$0 verify -d src/data-source.ts", "creates tm_verify_<random> beside the database, checks, drops it")
            .example("$0 verify --bind analytics", "one bind of typeorm-migrate.config.ts"),
    handler: runCommand(async (args: CommonArgs) => {
        let exitCode: number = ExitCode.ok;
        for (const bind of await selectedBinds(args)) {
            await inBind(bind, () =>
                withBindConnection(bind, args, async (dataSource, store) => {
                    const scratch = await lib().createScratchDatabase(dataSource);
                    try {
                        const { steps, failure } = await lib().verifyMigrations(scratch.dataSource, store);
                        if (failure === null)
                            return say(
                                `Verified ${store.graph.size} revision(s) up and down on ${scratch.name}: each leaves the schema its snapshot describes.`,
                            );
                        exitCode = ExitCode.differences;
                        const what = `${failure.direction === "up" ? "upgrade to" : "downgrade from"} ${failure.revision} (${store.graph.get(failure.revision).name})`;
                        if (failure.error) {
                            throw new CliError(`verify: ${what} failed: ${failure.error.message.split("\n")[0]}`, ExitCode.failure);
                        }
                        say(
                            `After ${steps.length} step(s): the ${what} leaves a schema other than its snapshot describes (what would make the snapshot into the database):`,
                        );
                        describeOps(failure.ops, args.verbose);
                    } finally {
                        await scratch.drop();
                    }
                }),
            );
        }
        return exitCode;
    }),
};
