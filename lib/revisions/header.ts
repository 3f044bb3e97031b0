import { RevisionError } from "./errors";

/** The revision facts a migration file carries in its leading comment, readable without compiling it. */
export interface RevisionHeader {
    readonly revision: string;
    readonly parents: readonly string[];
    readonly bind: string;
    readonly message: string;
    /** A squash only: the revisions it replaces, parents first (the last is the one it stands in for). */
    readonly replaces?: readonly ReplacedRevision[];
}

/** A revision a squash replaces: its id, and its class name as TypeORM's migrations table records it. */
export interface ReplacedRevision {
    readonly revision: string;
    readonly name: string;
}

const marker = "typeorm-migrate revision";
const noParents = "<base>";
const replacesField = "Replaces:";

export class MalformedHeaderError extends RevisionError {
    override readonly name = "MalformedHeaderError";
}

/** The comment block that opens a migration file. */
export function formatHeader(header: RevisionHeader): string[] {
    return [
        "/**",
        ` * ${marker}`,
        ` * Revision: ${header.revision}`,
        ` * Parents: ${header.parents.length > 0 ? header.parents.join(", ") : noParents}`,
        ` * Bind: ${header.bind}`,
        ` * Message: ${oneLine(header.message)}`,
        ...(header.replaces !== undefined && header.replaces.length > 0
            ? [` * ${replacesField}`, ...header.replaces.map((replaced) => ` *   ${replaced.revision} ${replaced.name}`)]
            : []),
        " */",
    ];
}

/** Reads the header of a migration file's text; null when the file is not one of ours. */
export function parseHeader(text: string, file: string): RevisionHeader | null {
    const at = text.indexOf(marker);
    if (at < 0) return null;
    const block = text.slice(at, text.indexOf("*/", at));
    const field = (name: string): string => {
        const match = new RegExp(`^\\s*\\*\\s*${name}: ?(.*)$`, "m").exec(block);
        if (!match) throw new MalformedHeaderError(`${file}: the revision header has no "${name}:" line`);
        return match[1].trim();
    };
    const parents = field("Parents");
    return {
        revision: field("Revision"),
        parents:
            parents === noParents
                ? []
                : parents
                      .split(",")
                      .map((p) => p.trim())
                      .filter(Boolean),
        bind: field("Bind"),
        message: field("Message"),
        ...parseReplaces(block),
    };
}

/** The `Replaces:` list, one `<revision> <ClassName>` a line under it; absent on revisions that are not squashes. */
function parseReplaces(block: string): { replaces?: ReplacedRevision[] } {
    const lines = block.split("\n");
    const at = lines.findIndex((line) => /^\s*\*\s*Replaces:\s*$/.test(line));
    if (at < 0) return {};
    const replaces: ReplacedRevision[] = [];
    for (const line of lines.slice(at + 1)) {
        const entry = /^\s*\*\s+([0-9A-Za-z_-]+) ([A-Za-z_$][\w$]*\d{13})\s*$/.exec(line);
        if (entry === null) break;
        replaces.push({ revision: entry[1], name: entry[2] });
    }
    return replaces.length > 0 ? { replaces } : {};
}

/** A migration's class, as TypeScript declares it, else as compiled CommonJS exports it (the store's scan reads them too). */
export const classPatterns = {
    typeScript: /export\s+(?:default\s+)?class\s+([A-Za-z_$][\w$]*?(\d{13}))\b/,
    commonJs: /exports\.([A-Za-z_$][\w$]*?(\d{13}))\s*=/,
} as const;

/** The class name and the 13-digit timestamp TypeORM reads off its end. */
export function parseClassName(text: string, file: string): { name: string; timestamp: number } {
    const match = classPatterns.typeScript.exec(text) ?? classPatterns.commonJs.exec(text);
    if (!match) throw new MalformedHeaderError(`${file}: no migration class whose name ends with a 13-digit timestamp`);
    return { name: match[1], timestamp: Number(match[2]) };
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, " ").replace(/\*\//g, "*\\/").trim();
}
