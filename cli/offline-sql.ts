import type { ResolvedBind } from "../lib/config/resolve-config";
import type { OfflineBlock } from "../lib/runner/offline-script";
import type { OfflineCommand } from "../lib/runner/offline-range";
import type { TransactionMode } from "../lib/runner/runner";
import { inBind, type CommonArgs } from "./context";
import { ExitCode } from "./exit-codes";
import { lib } from "./lib";
import { dataCheckMarker, isDataCheck } from "../lib/dialects/data-check-sql";
import { adoptedMigrations } from "../lib/runner/adopted-migrations";

// Loaded on first use, as `lib()` is: TypeORM need not load for `--help`.
const offline = () => ({
    ...(require("../lib/runner/offline-script") as typeof import("../lib/runner/offline-script")),
    ...(require("../lib/runner/offline-range") as typeof import("../lib/runner/offline-range")),
});

export interface OfflineArgs extends CommonArgs {
    readonly transaction?: TransactionMode;
}

/**
 * `upgrade` / `downgrade` / `stamp` with `--sql`: prints, for each bind, the SQL the command would
 * run, without connecting. The database's revision is taken from `spec` (`<from>:<to>`, or from
 * base). Nothing is printed unless every bind's SQL could be made.
 */
export async function printOfflineSql(args: OfflineArgs, binds: readonly ResolvedBind[], command: OfflineCommand, spec: string): Promise<number> {
    const sections: string[] = [];
    for (const bind of binds) {
        const text = await inBind(bind, () => bindSql(bind, command, spec, args.transaction));
        sections.push(binds.length > 1 ? `-- bind ${bind.name}\n\n${text}` : text);
    }
    process.stdout.write(sections.join("\n"));
    return ExitCode.ok;
}

async function bindSql(bind: ResolvedBind, command: OfflineCommand, spec: string, transaction: TransactionMode | undefined): Promise<string> {
    const { offlineSql, offlineSteps, parseOfflineRange } = offline();
    const store = lib().RevisionStore.open(bind.migrationsDir);
    const { graph } = store;
    const steps = offlineSteps(graph, command, parseOfflineRange(graph, command, spec));
    if (steps.length === 0) return `-- ${command} ${spec}: nothing to do\n`;
    // Never initialized: the SQL must not depend on what the database holds.
    const blocks = await offlineSql(await bind.dataSource(), steps, { transaction, adopted: (node) => adoptedMigrations(store, node) });
    return blocks.map(renderBlock).join("\n");
}

function renderBlock(block: OfflineBlock): string {
    const { step } = block;
    const heading =
        step === null
            ? []
            : [
                  `-- ${step.node.revision} ${step.node.name}: ${oneLine(step.node.message)}${step.action === "up" || step.action === "down" ? "" : ` (${step.action} only)`}`,
              ];
    const notes = block.notes.map((note) => `-- ${oneLine(note)}`);
    return [...heading, ...notes, ...block.statements.map(statementLine)].join("\n") + "\n";
}

/** A data check reads and decides in the migration's code: printed for a DBA to run first, as a comment. */
function statementLine(sql: string): string {
    if (!isDataCheck(sql)) return `${sql};`;
    return `-- data check, run it first: the migration stops if it returns a row\n-- ${oneLine(sql.trimStart().slice(dataCheckMarker.length))};`;
}

function oneLine(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").trim();
}
