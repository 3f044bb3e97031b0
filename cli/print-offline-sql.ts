import type { OfflineBlock, OfflineCommand, ResolvedBind, TransactionMode } from "../lib/index";
import type { CommandContext } from "./context";
import { ExitCode } from "./exit-codes";
import { lib } from "./lib";

/** What the SQL is printed for: the command, the revision range, and how to wrap transactions. */
export interface OfflineRequest {
    readonly command: OfflineCommand;
    /** `<from>:<to>`, or a bare `<to>` from base (see `parseOfflineRange`). */
    readonly spec: string;
    readonly transaction?: TransactionMode;
}

/**
 * `upgrade` / `downgrade` / `stamp` with `--sql`: prints, for each bind, the SQL the command would
 * run, without connecting. The database's revision is taken from the request's range. Nothing is
 * printed unless every bind's SQL could be made.
 */
export async function printOfflineSql(context: CommandContext, binds: readonly ResolvedBind[], request: OfflineRequest): Promise<number> {
    const sections: string[] = [];
    for (const bind of binds) {
        const text = await context.inBind(bind, () => bindSql(bind, request));
        sections.push(binds.length > 1 ? `-- bind ${bind.name}\n\n${text}` : text);
    }
    process.stdout.write(sections.join("\n"));
    return ExitCode.ok;
}

async function bindSql(bind: ResolvedBind, { command, spec, transaction }: OfflineRequest): Promise<string> {
    const { offlineSql, offlineSteps, parseOfflineRange, adoptedMigrations, RevisionStore } = lib();
    const store = RevisionStore.open(bind.migrationsDir);
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
    const { isDataCheck, dataCheckMarker } = lib();
    if (!isDataCheck(sql)) return `${sql};`;
    return `-- data check, run it first: the migration stops if it returns a row\n-- ${oneLine(sql.trimStart().slice(dataCheckMarker.length))};`;
}

/** A message on one comment line: its line breaks (and the indentation around them) become one space. */
function oneLine(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").trim();
}
