import { BadInputError } from "../errors";
import { relative } from "node:path";

const heading = "Unable to compile TypeScript:";

/**
 * A TypeScript file of the user's does not parse. Named `TSError` as ts-node named it, so the CLI
 * reports it as bad input; the message carries the diagnostics, so it survives the trip from the
 * ES module hooks' thread, where an error keeps only its message.
 */
export class TypeScriptCompileError extends BadInputError {
    override readonly name = "TSError";

    constructor(readonly diagnostics: readonly string[]) {
        super(`${heading}\n${diagnostics.join("\n")}`);
    }
}

/** The parts of a TypeScript `Diagnostic` read here (5.x, 6.x). */
export interface Diagnostic {
    readonly file?: { readonly fileName: string; getLineAndCharacterOfPosition(position: number): { line: number; character: number } };
    readonly start?: number;
    readonly code: number;
    readonly messageText: string | MessageChain;
}

interface MessageChain {
    readonly messageText: string;
    readonly next?: readonly MessageChain[];
}

/** `file:line:column - error TS1109: Expression expected.`, the file relative to the working directory. */
export function describeDiagnostic(diagnostic: Diagnostic): string {
    const text = `error TS${diagnostic.code}: ${flatten(diagnostic.messageText)}`;
    if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${relative(process.cwd(), diagnostic.file.fileName) || diagnostic.file.fileName}:${line + 1}:${character + 1} - ${text}`;
}

function flatten(message: string | MessageChain): string {
    if (typeof message === "string") return message;
    return [message.messageText, ...(message.next ?? []).map(flatten)].join(" ");
}

/** `error` as a TypeScriptCompileError if it is one, also when it lost its class crossing from the hooks' thread. */
export function asCompileError(error: unknown): TypeScriptCompileError | null {
    if (error instanceof TypeScriptCompileError) return error;
    if (!(error instanceof Error) || !error.message.startsWith(`${heading}\n`)) return null;
    return new TypeScriptCompileError(error.message.slice(heading.length + 1).split("\n"));
}

/**
 * A compile error as a message: the first diagnostic on the first line (what a one-line report
 * shows), every diagnostic on the lines after it (what a stack trace shows); null for other errors.
 */
export function compileErrorSummary(error: unknown): string | null {
    if (!(error instanceof Error) || !error.message.startsWith(`${heading}\n`)) return null;
    const diagnostics = error.message
        .slice(heading.length + 1)
        .split("\n")
        .filter((line) => line.trim() !== "");
    if (diagnostics.length === 0) return null;
    const [first, ...others] = diagnostics;
    return others.length === 0 ? first : `${first} (and ${others.length} more)\n${diagnostics.join("\n")}`;
}
