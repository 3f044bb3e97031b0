import type { Argv, CommandModule } from "yargs";
import { connectBind, inBind, say, selectedBinds, type CommonArgs } from "../context";
import { lib } from "../lib";
import { printOfflineSql } from "../offline-sql";
import { runCommand } from "../run-command";

interface StampArgs extends CommonArgs {
    readonly target: string;
    readonly sql: boolean;
}

export const stampCommand: CommandModule<CommonArgs, StampArgs> = {
    command: "stamp <target>",
    describe: "Record the database as being at a revision without running migrations (clears a dirty bind)",
    builder: (yargs: Argv<CommonArgs>) => yargs
        .positional("target", { type: "string", demandOption: true, describe: "head, heads, base, a revision id or unique prefix, +N / -N" })
        .option("sql", { type: "boolean", default: false, describe: "Print the INSERTs / DELETEs instead of running them, without connecting; the target may be a range <from>:<to> (default from: base)" })
        .example("$0 stamp head -d src/data-source.ts", "the database already has the schema of head")
        .example("$0 stamp 3f9c --bind analytics", "after repairing a failed MySQL migration by hand") as Argv<StampArgs>,
    handler: runCommand(async (args: StampArgs) => {
        if (args.sql) return printOfflineSql(args, selectedBinds(args), "stamp", args.target);
        const { RevisionStore, Runner } = lib();
        for (const bind of selectedBinds(args)) {
            await inBind(bind, async () => {
                const store = RevisionStore.open(bind.migrationsDir);
                const dataSource = await connectBind(bind, args);
                try {
                    const runner = new Runner(dataSource, store);
                    const target = lib().resolveTarget(store.graph, args.target, store.graph.currentHeads((await runner.state()).applied));
                    const { recorded, removed } = await runner.stamp(target);
                    say(`Stamped ${target.length === 0 ? "<base>" : target.join(", ")}${recorded.length > 0 ? `; recorded ${recorded.join(", ")}` : ""}${removed.length > 0 ? `; removed ${removed.join(", ")}` : ""}.`);
                } finally {
                    await dataSource.destroy();
                }
            });
        }
    }),
};
