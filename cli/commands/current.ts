import type { Argv, CommandModule } from "yargs";
import { oneLine } from "../../lib/runner/statement-tracker";
import { connectBind, inBind, say, selectedBinds, type CommonArgs } from "../context";
import { lib } from "../lib";
import { runCommand } from "../run-command";

export const currentCommand: CommandModule<CommonArgs, CommonArgs> = {
    command: "current",
    describe: "Show the revision(s) each bind's database is at",
    builder: (yargs: Argv<CommonArgs>) => yargs.example("$0 current -d src/data-source.ts", "3f9c2a1b7d4e (head)"),
    handler: runCommand(async (args: CommonArgs) => {
        const { RevisionStore, Runner } = lib();
        for (const bind of selectedBinds(args)) {
            await inBind(bind, async () => {
                const store = RevisionStore.open(bind.migrationsDir);
                const dataSource = await connectBind(bind, args);
                try {
                    const runner = new Runner(dataSource, store);
                    const { applied, foreign } = await runner.state();
                    const heads = new Set(store.graph.heads());
                    const current = store.graph.currentHeads(applied);
                    if (current.length === 0) say("<base> (no revision applied)");
                    for (const revision of current) {
                        const node = store.graph.get(revision);
                        say(`${revision}${heads.has(revision) ? " (head)" : ""}, ${node.message}${args.verbose ? `  [${node.name}]` : ""}`);
                    }
                    if (foreign.length > 0) say(`Also recorded, not in the migrations folder: ${foreign.join(", ")}`);
                    const dirty = await runner.dirty();
                    if (dirty) {
                        say(`DIRTY: ${dirty.direction === "up" ? "upgrade" : "downgrade"} of ${dirty.revision} failed at ${oneLine(dirty.failedStatement)} after ${dirty.applied.length} statement(s)`);
                    }
                } finally {
                    await dataSource.destroy();
                }
            });
        }
    }),
};
