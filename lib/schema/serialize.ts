import { BadInputError } from "../errors";
import type { Op } from "../diff/ops";
import { opShapeProblem } from "./delta-shape";
import { SCHEMA_FORMAT_VERSION, type Dialect, type Schema } from "./model";

const dialects: readonly string[] = ["postgres", "mysql", "sqlite"] satisfies readonly Dialect[];

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
    readonly ops: readonly Op[];
}

export class SnapshotFormatError extends BadInputError {
    override readonly name = "SnapshotFormatError";
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
    const delta = value as Partial<RevisionDelta>;
    if (typeof delta !== "object" || delta === null || Array.isArray(delta))
        throw new SnapshotFormatError(`${file}: not a revision delta (an object with format, revision, parents and ops)`);
    if (typeof delta.format === "number" && delta.format > SCHEMA_FORMAT_VERSION) {
        throw new SnapshotFormatError(
            `${file}: format ${delta.format} was written by a newer typeorm-migrate (this one reads format ${SCHEMA_FORMAT_VERSION}); upgrade typeorm-migrate`,
        );
    }
    if (delta.format !== SCHEMA_FORMAT_VERSION) {
        throw new SnapshotFormatError(`${file}: format ${String(delta.format)} is not supported (this version reads format ${SCHEMA_FORMAT_VERSION})`);
    }
    if (typeof delta.revision !== "string" || !Array.isArray(delta.parents) || !Array.isArray(delta.ops)) {
        throw new SnapshotFormatError(`${file}: missing revision, parents or ops`);
    }
    if (delta.revision === "" || delta.parents.some((parent) => typeof parent !== "string" || parent === "")) {
        throw new SnapshotFormatError(`${file}: revision and parents must be revision ids`);
    }
    if (!dialects.includes(delta.dialect as string) || typeof delta.defaultSchema !== "string" || typeof delta.typeormVersion !== "string") {
        throw new SnapshotFormatError(`${file}: missing dialect (${dialects.join(", ")}), defaultSchema or typeormVersion`);
    }
    const problem = delta.ops.map((op, index) => opShapeProblem(op, index + 1)).find((found) => found !== null);
    if (problem) throw new SnapshotFormatError(`${file}: ${problem}`);
    if (delta.adopts !== undefined && (!Array.isArray(delta.adopts) || delta.adopts.some((name) => typeof name !== "string"))) {
        throw new SnapshotFormatError(`${file}: adopts must be a list of migration names`);
    }
    return delta as RevisionDelta;
}

/** A whole schema as canonical JSON, one entry per line, for reading and diffing by humans. */
export function serializeSchema(schema: Schema): string {
    const lines: string[] = [];
    for (const [key, value] of Object.entries(schema)) {
        if (!Array.isArray(value)) {
            lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
            continue;
        }
        const entries = value.map((entry) => `    ${JSON.stringify(entry)}`).join(",\n");
        lines.push(`  ${JSON.stringify(key)}: [${entries ? `\n${entries}\n  ` : ""}]`);
    }
    return `{\n${lines.join(",\n")}\n}\n`;
}
