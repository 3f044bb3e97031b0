import { relative } from "node:path";

/** The parts of a TypeScript `Diagnostic` read here (ts-node's `TSError` carries them). */
interface Diagnostic {
    readonly file?: { readonly fileName: string; getLineAndCharacterOfPosition(position: number): { line: number; character: number } };
    readonly start?: number;
    readonly code: number;
    readonly messageText: string | MessageChain;
}

interface MessageChain {
    readonly messageText: string;
    readonly next?: readonly MessageChain[];
}

/**
 * The compiler's diagnostics behind ts-node's "Unable to compile TypeScript" error, one line each
 * as `file:line:column - error TS1109: Expression expected.`, those in a file first (an option
 * warning is rarely the cause); null when `error` is not a compile error.
 */
function typeScriptDiagnostics(error: unknown): string[] | null {
    if (!(error instanceof Error) || error.name !== "TSError") return null;
    const { diagnostics, diagnosticText } = error as Error & { diagnostics?: readonly Diagnostic[]; diagnosticText?: string };
    if (Array.isArray(diagnostics) && diagnostics.length > 0) {
        const located = diagnostics.filter((d) => d.file !== undefined && d.start !== undefined);
        return [...located, ...diagnostics.filter((d) => !located.includes(d))].map(describe);
    }
    // Older ts-node versions only carry the formatted text.
    const lines = (diagnosticText ?? error.message.split("\n").slice(1).join("\n")).split("\n").filter((line) => line.trim() !== "");
    return lines.length > 0 ? lines : null;
}

function describe(diagnostic: Diagnostic): string {
    const text = `error TS${diagnostic.code}: ${flatten(diagnostic.messageText)}`;
    if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${relative(process.cwd(), diagnostic.file.fileName) || diagnostic.file.fileName}:${line + 1}:${character + 1} - ${text}`;
}

function flatten(message: string | MessageChain): string {
    if (typeof message === "string") return message;
    return [message.messageText, ...(message.next ?? []).map(flatten)].join(" ");
}

/**
 * A compile error as a message: the first diagnostic on the first line (what a one-line report
 * shows), every diagnostic on the lines after it (what a stack trace shows); null for other errors.
 */
export function compileErrorSummary(error: unknown): string | null {
    const diagnostics = typeScriptDiagnostics(error);
    if (diagnostics === null) return null;
    const [first, ...others] = diagnostics;
    return others.length === 0 ? first : `${first} (and ${others.length} more)\n${diagnostics.join("\n")}`;
}
