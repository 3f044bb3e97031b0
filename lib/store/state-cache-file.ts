import { writeSync } from "node:fs";
import type { Schema } from "../schema/model";
import type { EntrySharing } from "../schema/shared-entries";
import { LineReader } from "./line-reader";

/**
 * The state cache's file, written and read a line at a time: a 10,000-table state is some 85 MB
 * of JSON, and as one string (plus the Buffer read into or written from) it doubled the peak of
 * a run that had the state cached. The first line is the header: the format, the key, the
 * schema with each list field set to null (its fields in order), and each list's name and
 * length; then each list's entries, in that order, a JSON array of up to `entriesPerLine` a
 * line. What it reads back is what `JSON.parse(JSON.stringify(state))` would be.
 */
export const CACHE_FILE_FORMAT = 2;

const entriesPerLine = 500;
/** The header names a few lists and scalars: a first line longer than this is not one (a format-1 file is one line of it all). */
const headerLimit = 1 << 20;

interface Header {
    readonly format: number;
    readonly key: string;
    readonly schema: Record<string, unknown>;
    readonly lists: readonly (readonly [string, number])[];
}

/** Writes `state` under `key` to the open file `fd`. */
export function writeStateFile(fd: number, key: string, state: Schema): void {
    const skeleton: Record<string, unknown> = {};
    const lists: (readonly [string, readonly unknown[]])[] = [];
    for (const [field, value] of Object.entries(state)) {
        if (Array.isArray(value)) lists.push([field, value]);
        skeleton[field] = Array.isArray(value) ? null : value;
    }
    const header: Header = { format: CACHE_FILE_FORMAT, key, schema: skeleton, lists: lists.map(([field, list]) => [field, list.length]) };
    writeSync(fd, JSON.stringify(header) + "\n");
    for (const [, list] of lists) {
        for (let at = 0; at < list.length; at += entriesPerLine) writeSync(fd, JSON.stringify(list.slice(at, at + entriesPerLine)) + "\n");
    }
}

/**
 * The key kept in `file` and, when `wanted(key)`, its state; null when the file is not a state
 * file of this format or is cut short. The key comes first, so another chain's state is passed
 * over without reading it. `sharing` hands out equal entries of another schema in place of
 * those read (one copy of each in memory).
 */
export function readStateFile(
    file: string,
    wanted: (key: string) => boolean,
    sharing?: EntrySharing,
): { readonly key: string; readonly state: Record<string, unknown> | null } | null {
    const lines = new LineReader(file);
    try {
        const header = parseHeader(lines.next(headerLimit));
        if (header === null) return null;
        return { key: header.key, state: wanted(header.key) ? readLists(header, lines, sharing) : null };
    } finally {
        lines.close();
    }
}

function parseHeader(line: string | null): Header | null {
    if (line === null) return null;
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch {
        return null;
    }
    const header = value as Partial<Header> | null;
    if (typeof header !== "object" || header === null || header.format !== CACHE_FILE_FORMAT || typeof header.key !== "string") return null;
    if (typeof header.schema !== "object" || header.schema === null || !Array.isArray(header.lists)) return null;
    const { schema } = header;
    const listsFit = header.lists.every(
        (entry) => Array.isArray(entry) && typeof entry[0] === "string" && Number.isInteger(entry[1]) && entry[1] >= 0 && schema[entry[0]] === null,
    );
    return listsFit ? (header as Header) : null;
}

function readLists(header: Header, lines: LineReader, sharing: EntrySharing | undefined): Record<string, unknown> | null {
    const schema = header.schema;
    const strings = new StringPool();
    for (const [field, length] of header.lists) {
        const list: unknown[] = [];
        while (list.length < length) {
            const line = lines.next();
            if (line === null) return null;
            const entries: unknown = JSON.parse(line);
            if (!Array.isArray(entries) || entries.length === 0 || list.length + entries.length > length) return null;
            for (const entry of entries as unknown[]) {
                const shared = sharing?.share(field, entry) ?? entry;
                list.push(shared === entry ? strings.shared(entry) : shared);
            }
        }
        sharing?.rememberKeys(field, list);
        schema[field] = list;
    }
    return lines.next() === null ? schema : null;
}

/**
 * One string for each value repeated across entries ("character varying" on most columns, a table's
 * name on each of its columns): JSON.parse makes each occurrence its own string past a few characters.
 */
class StringPool {
    private readonly pool = new Map<string, string>();

    shared<T>(value: T): T {
        if (typeof value === "string") return this.string(value) as T;
        if (typeof value !== "object" || value === null) return value;
        if (Array.isArray(value)) {
            const items: unknown[] = value;
            for (let i = 0; i < items.length; i++) items[i] = this.shared(items[i]);
            return value;
        }
        const object = value as Record<string, unknown>;
        for (const field in object) object[field] = this.shared(object[field]);
        return value;
    }

    private string(value: string): string {
        // V8's JSON.parse shares short strings itself (measured: the same heap without them, less time).
        if (value.length <= 10) return value;
        const known = this.pool.get(value);
        if (known !== undefined) return known;
        this.pool.set(value, value);
        return value;
    }
}
