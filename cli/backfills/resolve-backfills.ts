import { createInterface } from "node:readline/promises";
import type { Backfill, NotNullOp } from "../../lib/index";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { shellQuote } from "../shell-quote";
import { formatBackfillHint } from "./backfill-hints";

/** Asks for one column's value; null when the user chose to stop. */
export type AskBackfill = (op: NotNullOp) => Promise<string | null>;

/**
 * Values for the columns that become NOT NULL with nothing to fill the rows already there, as
 * Django's makemigrations asks for a one-off default: each is asked in a terminal; without one,
 * or when the user stops, generation stops with exit 2 and the exact flags that would answer.
 */
export async function resolveBackfills(needed: readonly NotNullOp[], defaultSchema: string, ask: AskBackfill | null): Promise<Backfill[]> {
    const answers: Backfill[] = [];
    for (const op of needed) {
        const value = ask === null ? null : await ask(op);
        if (value === null) throw unanswered(needed, defaultSchema, ask === null);
        answers.push({ ...columnOf(op), value });
    }
    return answers;
}

function columnOf(op: NotNullOp): Omit<Backfill, "value"> {
    const column = lib().notNullColumn(op);
    return { table: { schema: column.schema, table: column.table }, column: column.name };
}

function describeNeed(op: NotNullOp): string {
    const column = lib().notNullColumn(op);
    return op.kind === "addColumn"
        ? `column ${column.table}.${column.name} is new, NOT NULL and has no default: the rows already in ${column.table} need a value`
        : `column ${column.table}.${column.name} becomes NOT NULL and has no default: its rows holding NULL need a value`;
}

function unanswered(needed: readonly NotNullOp[], defaultSchema: string, noTerminal: boolean): CliError {
    const lines = needed.flatMap((op) => [
        `  ${describeNeed(op)}:`,
        `      --backfill ${shellQuote(formatBackfillHint({ ...columnOf(op), value: "<sql>" }, defaultSchema))}`,
    ]);
    process.stderr.write(`Values for rows already in the tables (an SQL expression, e.g. '' or 0 or now()):\n${lines.join("\n")}\n`);
    return new CliError(
        `${needed.length} column(s) become NOT NULL with no value for existing rows${noTerminal ? " and there is no terminal to ask" : ""}: ` +
            "pass --backfill for each (replace <sql>), or give the column a default or make it nullable",
        ExitCode.badInput,
    );
}

/** Asks on the terminal, as makemigrations does: a one-off value for the existing rows, or stop. */
export function terminalBackfillPrompt(): { ask: AskBackfill; close(): void } {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    return {
        ask: async (op) => {
            process.stderr.write(`${describeNeed(op)}.\n`);
            const answer = (await prompt.question("Value for them (an SQL expression; empty to stop): ")).trim();
            return answer === "" ? null : answer;
        },
        close: () => prompt.close(),
    };
}
