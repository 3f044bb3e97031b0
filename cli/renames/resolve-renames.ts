import { createInterface } from "node:readline/promises";
import type { RenameCandidate, RenameDecisions, Schema } from "../../lib/index";
import { CliError, ExitCode } from "../exit-codes";
import { lib } from "../lib";
import { formatRenameHint } from "./rename-hints";
import { shellQuote } from "../shell-quote";

export interface RenameResolution {
    /** `--no-renames`: every open candidate is drop + add. */
    readonly noRenames: boolean;
    /** Asks the user; null when stdin is not a terminal. */
    readonly ask: ((candidate: RenameCandidate, defaultSchema: string) => Promise<string | null>) | null;
}

/**
 * Completes the hints given on the command line: each open rename candidate is asked about in a
 * terminal, accepted as drop + add with --no-renames, and otherwise stops with exit 2 and the flags
 * that would decide it.
 */
export async function resolveRenames(from: Schema, to: Schema, hints: RenameDecisions, how: RenameResolution): Promise<RenameDecisions> {
    let decided = hints;
    const declined = new Set<string>();
    for (;;) {
        const open = lib()
            .renameCandidates(from, to, decided)
            .filter((c) => !declined.has(candidateKey(c)));
        if (open.length === 0 || how.noRenames) return decided;
        if (how.ask === null) throw unresolved(open, to.defaultSchema);
        const candidate = open[0];
        const answer = await how.ask(candidate, to.defaultSchema);
        if (answer === null) declined.add(candidateKey(candidate));
        else decided = withDecision(decided, candidate, answer);
    }
}

function candidateKey(candidate: RenameCandidate): string {
    return JSON.stringify(candidate.kind === "table" ? [candidate.dropped] : [candidate.table, candidate.dropped]);
}

function withDecision(decided: RenameDecisions, candidate: RenameCandidate, target: string): RenameDecisions {
    if (candidate.kind === "table") {
        return { ...decided, tables: [...decided.tables, { from: candidate.dropped, to: { schema: candidate.dropped.schema, table: target } }] };
    }
    return { ...decided, columns: [...decided.columns, { table: candidate.table, from: candidate.dropped, to: target }] };
}

/** `author → writer` for a table; `book.title → headline` for a column. */
export function describeCandidate(candidate: RenameCandidate): string {
    return candidate.kind === "table"
        ? `table ${candidate.dropped.table} was dropped and ${candidate.candidates.map((c) => c.table).join(", ")} added`
        : `column ${candidate.table.table}.${candidate.dropped} was dropped and ${candidate.candidates.join(", ")} added`;
}

/** The exact, shell-quoted flag that decides `candidate` as a rename to `target`. */
export function flagFor(candidate: RenameCandidate, target: string, defaultSchema: string): string {
    if (candidate.kind === "table") {
        const schema = candidate.dropped.schema === defaultSchema ? [] : [candidate.dropped.schema];
        return `--rename-table ${shellQuote(formatRenameHint([...schema, candidate.dropped.table], target))}`;
    }
    const schema = candidate.table.schema === defaultSchema ? [] : [candidate.table.schema];
    return `--rename ${shellQuote(formatRenameHint([...schema, candidate.table.table, candidate.dropped], target))}`;
}

function unresolved(open: readonly RenameCandidate[], defaultSchema: string): CliError {
    const lines = open.flatMap((candidate) => [
        `  ${describeCandidate(candidate)}:`,
        ...targets(candidate).map((target) => `      ${flagFor(candidate, target, defaultSchema)}`),
    ]);
    process.stderr.write(`Possible renames (a rename keeps the data; otherwise the old one is dropped):\n${lines.join("\n")}\n`);
    return new CliError(
        `${open.length} possible rename(s) need a decision and there is no terminal to ask: pass the flags above, or --no-renames to drop and add`,
        ExitCode.badInput,
    );
}

function targets(candidate: RenameCandidate): string[] {
    return candidate.kind === "table" ? candidate.candidates.map((c) => c.table) : [...candidate.candidates];
}

/**
 * Asks on the terminal; the one candidate is proposed by default, several must be chosen. One
 * readline serves every question (a second one would miss input typed ahead).
 */
export class TerminalPrompt {
    private readonly prompt = createInterface({ input: process.stdin, output: process.stderr });

    readonly ask = async (candidate: RenameCandidate): Promise<string | null> => {
        const options = targets(candidate);
        process.stderr.write(`${describeCandidate(candidate)}. Was it renamed?\n`);
        options.forEach((option, i) => process.stderr.write(`  ${i + 1}) renamed to ${option}\n`));
        process.stderr.write(`  0) no: drop it and add the new one\n`);
        for (;;) {
            const answer = (await this.prompt.question(options.length === 1 ? "Choice [1]: " : "Choice: ")).trim();
            const choice = answer === "" && options.length === 1 ? 1 : Number(answer);
            if (choice === 0) return null;
            if (Number.isInteger(choice) && choice >= 1 && choice <= options.length) return options[choice - 1];
        }
    };

    close(): void {
        this.prompt.close();
    }
}
