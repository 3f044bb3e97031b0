import { canonicalize } from "../../lib/schema/canonical";
import { deepEqual } from "../../lib/schema/equal";
import type { Schema } from "../../lib/schema/model";

const collections = [
    "schemas",
    "extensions",
    "enums",
    "tables",
    "columns",
    "primaryKeys",
    "indexes",
    "uniques",
    "foreignKeys",
    "checks",
    "exclusions",
    "views",
    "metadataRows",
] as const satisfies readonly (keyof Schema)[];

/** Identifies an entry within its collection: strings are themselves, objects their names. */
function entryKey(entry: unknown, collection: string): string {
    if (typeof entry !== "object" || entry === null) return JSON.stringify(entry);
    const e = entry as Record<string, unknown>;
    return JSON.stringify([...(collection === "metadataRows" ? [e.type] : []), e.schema, e.table ?? "", e.name ?? ""]);
}

/**
 * Field-level differences between two canonicalized schemas, one line each: what the database
 * reads as (`live`) against the snapshot (`snapshot`). Empty when they are equal.
 */
export function schemaDifferences(live: Schema, snapshot: Schema): string[] {
    const a = canonicalize(live);
    const b = canonicalize(snapshot);
    const lines: string[] = [];
    for (const field of ["dialect", "defaultSchema"] as const) {
        if (a[field] !== b[field]) lines.push(`${field}: ${a[field]} (live) vs ${b[field]} (snapshot)`);
    }
    for (const name of collections) {
        const left = new Map((a[name] as readonly unknown[]).map((e) => [entryKey(e, name), e]));
        const right = new Map((b[name] as readonly unknown[]).map((e) => [entryKey(e, name), e]));
        for (const [key, entry] of left) {
            const other = right.get(key);
            if (other === undefined) lines.push(`${name} ${key}: only live`);
            else if (!deepEqual(entry, other)) lines.push(`${name} ${key}: ${fieldChanges(entry, other)}`);
        }
        for (const key of right.keys()) if (!left.has(key)) lines.push(`${name} ${key}: only in the snapshot`);
        if (lines.length === 0 && !deepEqual(a[name], b[name])) lines.push(`${name}: same entries in another order`);
    }
    return lines;
}

function fieldChanges(live: unknown, snapshot: unknown): string {
    if (typeof live !== "object" || typeof snapshot !== "object" || live === null || snapshot === null)
        return `${JSON.stringify(live)} vs ${JSON.stringify(snapshot)}`;
    const l = live as Record<string, unknown>;
    const s = snapshot as Record<string, unknown>;
    return [...new Set([...Object.keys(l), ...Object.keys(s)])]
        .filter((k) => !deepEqual(l[k], s[k]))
        .map((k) => `${k}: ${JSON.stringify(l[k])} (live) vs ${JSON.stringify(s[k])} (snapshot)`)
        .join("; ");
}
