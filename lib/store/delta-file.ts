import type { Op } from "../diff/ops";
import { opShapeProblem } from "../diff/op-shape";
import { dialectNames, SCHEMA_FORMAT_VERSION, type Dialect } from "../schema/model";
import { SnapshotFormatError } from "./errors";

/** What a revision's `.json` file holds: the ops from its first parent's state to its own. */
export interface RevisionDelta {
    readonly format: typeof SCHEMA_FORMAT_VERSION;
    readonly revision: string;
    readonly parents: readonly string[];
    readonly dialect: Dialect;
    readonly defaultSchema: string;
    readonly typeormVersion: string;
    /**
     * A baseline (`init --from-db`) only: the migrations TypeORM's runner had recorded in the
     * database when it was adopted; the baseline stands on top of them.
     */
    readonly adopts?: readonly string[];
    /** A squash only: the revisions it replaces, parents first (as its migration's header lists them). */
    readonly replaces?: readonly string[];
    /** Its migration was written in the lock-friendly forms (`generate --online`); absent: the plain forms. */
    readonly online?: boolean;
    readonly ops: readonly Op[];
}

/**
 * Canonical JSON: the header fields first, then one op per line, so a git diff of two
 * revisions' files shows whole ops. Same delta, same bytes.
 */
export function serializeDelta(delta: RevisionDelta): string {
    const head = JSON.stringify({
        format: delta.format,
        revision: delta.revision,
        parents: delta.parents,
        dialect: delta.dialect,
        defaultSchema: delta.defaultSchema,
        typeormVersion: delta.typeormVersion,
        ...(delta.adopts !== undefined && delta.adopts.length > 0 ? { adopts: delta.adopts } : {}),
        ...(delta.online === true ? { online: true } : {}),
        ...(delta.replaces !== undefined && delta.replaces.length > 0 ? { replaces: delta.replaces } : {}),
    });
    const ops = delta.ops.map((op) => "    " + JSON.stringify(op)).join(",\n");
    return `${head.slice(0, -1)},\n  "ops": [\n${ops}${ops ? "\n" : ""}  ]\n}\n`;
}

/** Parses and validates a delta file; older formats would be upgraded here. */
export function parseDelta(text: string, file: string): RevisionDelta {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw new SnapshotFormatError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    return deltaFrom(value, file);
}

/** Validates a parsed delta file's value (`parseDelta` of its text; the line reader's pieces put together). */
export function deltaFrom(value: unknown, file: string): RevisionDelta {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        throw new SnapshotFormatError(`${file}: not a revision delta (an object with format, revision, parents and ops)`);
    const delta: { readonly [K in keyof RevisionDelta]?: unknown } = value;
    if (typeof delta.format === "number" && delta.format > SCHEMA_FORMAT_VERSION) {
        throw new SnapshotFormatError(
            `${file}: format ${delta.format} was written by a newer typeorm-migrate (this one reads format ${SCHEMA_FORMAT_VERSION}); upgrade typeorm-migrate`,
        );
    }
    if (delta.format !== SCHEMA_FORMAT_VERSION) {
        throw new SnapshotFormatError(`${file}: format ${String(delta.format)} is not supported (this version reads format ${SCHEMA_FORMAT_VERSION})`);
    }
    const { revision, parents, ops, dialect, defaultSchema, typeormVersion, adopts, online, replaces } = delta;
    if (typeof revision !== "string" || !Array.isArray(parents) || !Array.isArray(ops)) {
        throw new SnapshotFormatError(`${file}: missing revision, parents or ops`);
    }
    if (revision === "" || !parents.every((parent): parent is string => typeof parent === "string" && parent !== "")) {
        throw new SnapshotFormatError(`${file}: revision and parents must be revision ids`);
    }
    if (!isDialect(dialect) || typeof defaultSchema !== "string" || typeof typeormVersion !== "string") {
        throw new SnapshotFormatError(`${file}: missing dialect (${dialectNames.join(", ")}), defaultSchema or typeormVersion`);
    }
    const problem = ops.map((op, index) => opShapeProblem(op, index + 1)).find((found) => found !== null);
    if (problem) throw new SnapshotFormatError(`${file}: ${problem}`);
    if (adopts !== undefined && (!Array.isArray(adopts) || !adopts.every((name): name is string => typeof name === "string"))) {
        throw new SnapshotFormatError(`${file}: adopts must be a list of migration names`);
    }
    if (replaces !== undefined && (!Array.isArray(replaces) || !replaces.every((id): id is string => typeof id === "string" && id !== ""))) {
        throw new SnapshotFormatError(`${file}: replaces must be a list of revision ids`);
    }
    if (online !== undefined && typeof online !== "boolean") throw new SnapshotFormatError(`${file}: online must be true or false`);
    return {
        format: delta.format,
        revision,
        parents,
        dialect,
        defaultSchema,
        typeormVersion,
        ...(adopts === undefined ? {} : { adopts }),
        ...(online === true ? { online } : {}),
        ...(replaces === undefined ? {} : { replaces }),
        // Each op's kind and fields are checked above; what is inside them, as replayDelta applies them.
        ops: ops as readonly Op[],
    };
}

function isDialect(value: unknown): value is Dialect {
    return dialectNames.some((name) => name === value);
}
