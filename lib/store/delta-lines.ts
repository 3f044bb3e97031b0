import { createHash } from "node:crypto";
import type { EntrySharing } from "../schema/shared-entries";
import type { RevisionDelta } from "./delta-file";
import { deltaFrom } from "./delta-file";
import { LineReader } from "./line-reader";
import { shareOpEntries } from "./shared-op-entries";

/**
 * A `.json` delta in the layout `serializeDelta` writes (its header fields on the first line, then
 * one op a line), read a line at a time: a 10,000-table initial delta is 91 MB, and as one
 * string plus the Buffer it was read into it doubled the peak of a replay. Also gives the digest of
 * the text as `digest(readFileSync(file, "utf8"))` would. null for any other layout, or anything
 * that does not parse: the caller reads the whole text then, for the very value or error as before.
 * `sharing`: the entries the ops add are `sharing`'s where equal (see shared-op-entries.ts).
 */
export function readDeltaLines(file: string, sharing?: EntrySharing): { readonly delta: RevisionDelta; readonly digest: string } | null {
    const lines = new LineReader(file);
    const hash = createHash("sha1");
    const next = (): string | null => {
        const line = lines.next();
        // Each line's text re-encoded, as the digest of the decoded whole text hashes it (a file without
        // its last newline gets another digest than its own: it is then replayed, not kept).
        if (line !== null) hash.update(line + "\n", "utf8");
        return line;
    };
    try {
        const value = headerOf(next());
        if (value === null || next() !== `  "ops": [`) return null;
        const ops: unknown[] = [];
        // Every op but the last has a comma after it.
        let more = false;
        for (let line = next(); line !== "  ]"; line = next()) {
            if (line === null || !line.startsWith("    ") || (ops.length > 0 && !more)) return null;
            more = line.endsWith(",");
            const op = objectOf(line.slice(4, more ? -1 : undefined));
            if (op === null) return null;
            if (sharing) shareOpEntries(op, sharing);
            ops.push(op);
        }
        if (more) return null;
        const closing = next();
        if (closing !== "}" || lines.next() !== null) return null;
        value.ops = ops;
        return { delta: deltaFrom(value, file), digest: hash.digest("hex") };
    } catch {
        return null;
    } finally {
        lines.close();
    }
}

/** The first line, `{"format":…,"typeormVersion":"…",`, as the object it opens (it has no ops of its own). */
function headerOf(line: string | null): Record<string, unknown> | null {
    if (line === null || !line.startsWith("{") || !line.endsWith(",")) return null;
    const value = objectOf(line.slice(0, -1) + "}");
    // `{,` would read as `{}` here and is not JSON there; a duplicate "ops" would be overridden there.
    if (value === null || Object.keys(value).length === 0 || Object.hasOwn(value, "ops")) return null;
    return value;
}

function objectOf(text: string): Record<string, unknown> | null {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return null;
    }
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
