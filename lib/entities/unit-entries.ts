import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { toolVersion } from "../store/state-cache";
import { dataSourceFingerprint, fingerprintDigest, fingerprintText, typeormVersion, UnfingerprintableError, type BuildUnit } from "../typeorm";
import { isEntityRead, type EntityRead } from "./entity-read";
import type { ShapeText } from "./stand-in-check";

/**
 * What one unit of the entities (see `planUnits`) reads: plain data, kept between runs under a key
 * of everything it was read from (`unitKey`), so that an unchanged unit is not built again.
 */
export interface UnitEntry {
    /** Its entities' and their junction tables' reads, in TypeORM's order. */
    readonly reads: EntityRead[];
    /** The PostgreSQL extensions its entities need. */
    readonly extensions: string[];
    /**
     * Per member: its shape when another unit builds it as a stand-in: the position of its read
     * (read as a table: the read's table, columns and primary key are its shape), spelled out, or
     * null (read otherwise, and no unit pointed at it then).
     */
    readonly members: (number | ShapeText | null)[];
    /**
     * The neighbors built as stand-ins with it: position among the unit's neighbors, the key of the
     * neighbor's unit it was checked against (null: none), and its shape as JSON text (parsed only
     * when the neighbor's unit has another key now: else the pair was checked with these very reads).
     */
    readonly standIns: (readonly [number, string | null, string])[];
}

/** The shape of the entity whose read is `read` (a table's). */
export function shapeOfRead(read: EntityRead): ShapeText {
    const table = read.tables[0];
    return {
        ref: JSON.stringify({ schema: table.schema, table: table.table }),
        primaryKey: JSON.stringify(read.primaryKeys[0] ?? null),
        columns: read.columns.map((column) => [column.name, JSON.stringify(column)] as const),
    };
}

/** `value` if it is an entry for `unit` (as a kept file gave it back), else undefined. */
export function asUnitEntry(value: unknown, unit: BuildUnit): UnitEntry | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const entry = value as Partial<UnitEntry>;
    if (!Array.isArray(entry.reads) || !entry.reads.every(isEntityRead)) return undefined;
    if (!Array.isArray(entry.extensions) || !Array.isArray(entry.members) || !Array.isArray(entry.standIns)) return undefined;
    if (entry.members.length !== unit.members.length) return undefined;
    const inRange = (at: unknown, length: number) => typeof at === "number" && Number.isInteger(at) && at >= 0 && at < length;
    const reads = entry.reads.length;
    // A member read otherwise than as a table has its shape kept only if another unit pointed at it then.
    if (!entry.members.every((member, i) => (member === null ? !unit.pointedAt[i] : typeof member === "object" || inRange(member, reads)))) return undefined;
    const standInOk = (standIn: unknown) =>
        Array.isArray(standIn) &&
        inRange(standIn[0], unit.neighbors.length) &&
        (standIn[1] === null || typeof standIn[1] === "string") &&
        typeof standIn[2] === "string";
    if (!entry.standIns.every(standInOk)) return undefined;
    return entry as UnitEntry;
}

/**
 * The key a unit's entry is kept under: its arguments' fingerprint with everything else its read
 * depends on (see `readContextKey`). Null for a unit whose arguments could not be fingerprinted.
 */
export function unitKey(context: string, unit: BuildUnit): string | null {
    return unit.fingerprint === null ? null : fingerprintDigest(context, unit.fingerprint);
}

/**
 * Everything besides a unit's own arguments that its read depends on: this tool's reader (its
 * version and compiled modules), the TypeORM installed, the server assumed, the data source's
 * options (the entity, subscriber and migration lists aside: each unit answers for its own) and
 * its naming strategy's code. Null when the options cannot be fingerprinted.
 */
export function readContextKey(dataSource: DataSource, assumptions: object): string | null {
    try {
        return fingerprintDigest(readerBuild(), typeormVersion(), fingerprintText(assumptions), dataSourceFingerprint(dataSource));
    } catch (error) {
        // Options holding an object inside themselves (a logger, say): nothing is kept for this data source.
        if (error instanceof UnfingerprintableError) return null;
        throw error;
    }
}

let readerStamps: string | undefined;

/** This tool's version and the size and time of every compiled module a read goes through (a rebuilt checkout is another reader). */
function readerBuild(): string {
    readerStamps ??= [toolVersion(), ...["entities", "typeorm", "dialects", "schema"].flatMap((folder) => stamps(join(__dirname, "..", folder)))].join(" ");
    return readerStamps;
}

function stamps(folder: string): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) found.push(...stamps(path));
        else if (entry.name.endsWith(".js")) {
            const { size, mtimeMs } = statSync(path);
            found.push(`${entry.name}:${size}:${mtimeMs}`);
        }
    }
    return found;
}
