import { writeSync } from "node:fs";
import type { EntryOrigin, EntryOrigins } from "../schema/entry-origins";
import type { Schema } from "../schema/model";
import type { EntrySharing } from "../schema/shared-entries";
import { LineReader } from "./line-reader";
import { isCount } from "./is-count";

/**
 * The state cache's file, written and read a line at a time: a 10,000-table state is some 85 MB
 * of JSON, and as one string (plus the Buffer read into or written from) it doubled the peak of
 * a run that had the state cached. The first line is the header: the format, the key, the
 * schema with each list field set to null (its fields in order), and each list's name and
 * length; then each list's entries, in that order, a JSON array of up to `entriesPerLine` a
 * line, each after a line of where they came from: `0`, or, when every entry of the line is an
 * entry the entities' schema of the writing run read from a unit of the unit cache (see
 * `EntryOrigins`), the runs of them as `[unit key, read, position, count]`. A reader that found
 * those units kept takes their entries and passes over the line. What it reads back is what
 * `JSON.parse(JSON.stringify(state))` would be.
 */
export const CACHE_FILE_FORMAT = 3;

const entriesPerLine = 500;
/** The header names a few lists and scalars: a first line longer than this is not one (a format-1 file is one line of it all). */
const headerLimit = 1 << 20;

interface Header {
    readonly format: number;
    readonly key: string;
    readonly schema: Record<string, unknown>;
    readonly lists: readonly (readonly [string, number])[];
}

/** Writes `state` under `key` to the open file `fd`; `origins` name the entries that are the entities' own. */
export function writeStateFile(fd: number, key: string, state: Schema, origins?: EntryOrigins): void {
    const skeleton: Record<string, unknown> = {};
    const lists: (readonly [string, readonly unknown[]])[] = [];
    for (const [field, value] of Object.entries(state)) {
        if (Array.isArray(value)) lists.push([field, value]);
        skeleton[field] = Array.isArray(value) ? null : value;
    }
    const header: Header = { format: CACHE_FILE_FORMAT, key, schema: skeleton, lists: lists.map(([field, list]) => [field, list.length]) };
    writeSync(fd, JSON.stringify(header) + "\n");
    const originOf = origins?.lookup();
    for (const [field, list] of lists) {
        for (let at = 0; at < list.length; at += entriesPerLine) {
            const entries = list.slice(at, at + entriesPerLine);
            writeSync(fd, `${originsLine(field, entries, originOf)}\n${JSON.stringify(entries)}\n`);
        }
    }
}

type Run = [key: string, read: number, at: number, count: number];

/** Where the entries of a line came from, as runs of a unit's read's list; `0` unless every one came from a unit. */
function originsLine(field: string, entries: readonly unknown[], originOf: ((entry: unknown) => EntryOrigin | undefined) | undefined): string {
    if (originOf === undefined) return "0";
    const runs: Run[] = [];
    for (const entry of entries) {
        const origin = originOf(entry);
        if (origin === undefined || origin.field !== field) return "0";
        const last = runs.at(-1);
        if (last !== undefined && last[0] === origin.key && last[1] === origin.read && last[2] + last[3] === origin.at) last[3]++;
        else runs.push([origin.key, origin.read, origin.at, 1]);
    }
    return JSON.stringify(runs);
}

/** The `count` entries a line of origins names, from the units kept in this run; null when it names none or any is not at hand. */
function keptEntries(field: string, line: string, count: number, origins: EntryOrigins | undefined): unknown[] | null {
    if (origins === undefined || line === "0") return null;
    let runs: unknown;
    try {
        runs = JSON.parse(line);
    } catch {
        return null;
    }
    if (!Array.isArray(runs)) return null;
    const entries: unknown[] = [];
    for (const run of runs as unknown[]) {
        if (!Array.isArray(run) || run.length !== 4) return null;
        const [key, read, at, length] = run as unknown[];
        if (typeof key !== "string" || !isCount(read) || !isCount(at) || !isCount(length)) return null;
        const kept = origins.entriesAt({ key, read, field, at }, length);
        if (kept === null) return null;
        entries.push(...kept);
    }
    return entries.length === count ? entries : null;
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
    origins?: EntryOrigins,
): { readonly key: string; readonly state: Record<string, unknown> | null } | null {
    const lines = new LineReader(file);
    try {
        const header = parseHeader(lines.next(headerLimit));
        if (header === null) return null;
        return { key: header.key, state: wanted(header.key) ? readLists(header, lines, sharing, origins) : null };
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

function readLists(header: Header, lines: LineReader, sharing: EntrySharing | undefined, origins: EntryOrigins | undefined): Record<string, unknown> | null {
    const schema = header.schema;
    const strings = new StringPool();
    for (const [field, length] of header.lists) {
        const list: unknown[] = [];
        while (list.length < length) {
            const from = lines.next();
            if (from === null) return null;
            const kept = keptEntries(field, from, Math.min(entriesPerLine, length - list.length), origins);
            if (kept !== null) {
                if (!lines.skip()) return null;
                list.push(...kept);
                continue;
            }
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
