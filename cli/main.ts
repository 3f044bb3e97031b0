#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { checkCommand } from "./commands/check";
import { currentCommand } from "./commands/current";
import { downgradeCommand } from "./commands/downgrade";
import { generateCommand } from "./commands/generate";
import { historyCommand } from "./commands/history";
import { initCommand } from "./commands/init";
import { stampCommand } from "./commands/stamp";
import { branchesCommand } from "./commands/branches";
import { editCommand } from "./commands/edit";
import { headsCommand } from "./commands/heads";
import { listTemplatesCommand } from "./commands/list-templates";
import { mergeCommand } from "./commands/merge";
import { revisionCommand } from "./commands/revision";
import { showCommand } from "./commands/show";
import { verifyCommand } from "./commands/verify";
import { erdCommand } from "./commands/erd";
import { squashCommand } from "./commands/squash";
import { upgradeCommand } from "./commands/upgrade";
import { ExitCode } from "./exit-codes";
import { tuneMemoryForCli } from "../lib/entities/cli-memory";

/** Builds the CLI; `argv` without the node and script entries. */
export function buildCli(argv: string[]) {
    return yargs(argv)
        .scriptName("typeorm-migrate")
        .usage("$0 <command> [options]\n\nFlask-Migrate's workflow for TypeORM: generate reviewable migrations from your entities, offline, and apply them.")
        .option("dataSource", { alias: "d", type: "string", describe: "File exporting a TypeORM DataSource (.ts or .js); `init -d` records it" })
        .option("config", { alias: "c", type: "string", describe: "Config file naming the binds (default: typeorm-migrate.config.{ts,js,json} here)" })
        .option("bind", { type: "string", array: true, default: [] as string[], describe: "Work on this bind only (repeatable; default: every bind)" })
        .option("dir", {
            type: "string",
            describe: "Migrations folder, one sub-folder per bind (default: one bind's DataSource migrations glob, else the config's, else migrations)",
        })
        .option("url", { type: "string", describe: "Connect to this database instead of the data source's (same kind; one bind)" })
        .option("verbose", { type: "boolean", default: false, describe: "Show reasons, SQL and stack traces" })
        .command(initCommand)
        .command(revisionCommand)
        .command(generateCommand)
        .command(editCommand)
        .command(mergeCommand)
        .command(upgradeCommand)
        .command(downgradeCommand)
        .command(showCommand)
        .command(historyCommand)
        .command(headsCommand)
        .command(branchesCommand)
        .command(currentCommand)
        .command(stampCommand)
        .command(checkCommand)
        .command(verifyCommand)
        .command(squashCommand)
        .command(erdCommand)
        .command(listTemplatesCommand)
        .demandCommand(1, "name a command")
        .strict()
        .recommendCommands()
        .fail((message, error) => {
            if (error) throw error;
            process.stderr.write(`typeorm-migrate: error: ${message}\nRun \`typeorm-migrate --help\` for usage.\n`);
            process.exit(ExitCode.badInput);
        })
        .epilogue(
            "Without -d, the binds (databases) come from typeorm-migrate.config.{ts,js,json}: `init -d <file>` records one, `init --multidb` scaffolds several.\n" +
                "Exit codes: 0 ok, 1 differences found, 2 bad input, 3 runtime failure.",
        )
        .help()
        .alias("h", "help")
        .version()
        .wrap(Math.min(110, process.stdout.columns ?? 100));
}

/** What yargs keeps of its usage text; `cacheHelpMessage` is internal (yargs 17 and 18 have it). */
interface YargsInternals {
    getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders the whole help text before every command's handler runs, to show it if the handler
 * fails; `.fail()` above never shows it, and at startup it costs ~30 ms (wrapping every line).
 * `--help` still renders it.
 */
function skipHelpCaching(cli: object): void {
    const usage = (cli as YargsInternals).getInternalMethods?.().getUsageInstance?.();
    if (typeof usage?.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
}

if (require.main === module) {
    tuneMemoryForCli();
    const cli = buildCli(hideBin(process.argv));
    skipHelpCaching(cli);
    void cli.parseAsync();
}
