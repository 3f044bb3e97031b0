import type { Argv, CommandModule } from "yargs";
import { connectUserDataSource, migrationsDir, say, type CommonArgs } from "../context";
import { lib } from "../lib";
import { runCommand } from "../run-command";

export const currentCommand: CommandModule<CommonArgs, CommonArgs> = {
    command: "current",
    describe: "Show the revision(s) the database is at",
    builder: (yargs: Argv<CommonArgs>) => yargs.example("$0 current -d src/data-source.ts", "3f9c2a1b7d4e (head)"),
    handler: runCommand(async (args: CommonArgs) => {
        const { RevisionStore, Runner } = lib();
        const store = RevisionStore.open(migrationsDir(args));
        const dataSource = await connectUserDataSource(args);
        try {
            const { applied, foreign } = await new Runner(dataSource, store).state();
            const heads = new Set(store.graph.heads());
            const current = store.graph.currentHeads(applied);
            if (current.length === 0) say("<base> (no revision applied)");
            for (const revision of current) {
                const node = store.graph.get(revision);
                say(`${revision}${heads.has(revision) ? " (head)" : ""}, ${node.message}${args.verbose ? `  [${node.name}]` : ""}`);
            }
            if (foreign.length > 0) say(`Also recorded, not in ${args.dir}: ${foreign.join(", ")}`);
        } finally {
            await dataSource.destroy();
        }
    }),
};
