import { randomBytes } from "node:crypto";
import { diff, type DiffOptions } from "../diff/diff";
import { invertOps } from "../diff/invert";
import type { Op } from "../diff/ops";
import type { RenameDecisions } from "../diff/renames";
import type { IncludeObject } from "../schema/filter";
import { dialectModule } from "../dialects/registry";
import { classNameFor, slugFor } from "../render/class-name";
import { renderMigrationFile } from "../render/migration-file";
import { renderStatements } from "../render/statements";
import { applyOps } from "../diff/apply";
import type { Schema } from "../schema/model";
import { serializeDelta } from "../schema/serialize";
import type { RevisionStore } from "../store/revision-store";
import { RevisionError } from "../revisions/errors";
import { withUnmanagedIndexesKept } from "./unmanaged-indexes";

export interface RevisionRequest {
    readonly message: string;
    readonly bind: string;
    /** Pins the revision id (tests, reproducible samples); random otherwise. */
    readonly revisionId?: string;
    /** Pins the class-name timestamp; must be later than the parent's. */
    readonly timestamp?: number;
    readonly now: number;
    /** Tables and columns renamed since the head revision; anything else dropped and added is drop + add. */
    readonly renames?: RenameDecisions;
    /** Objects left out of the comparison. */
    readonly include?: IncludeObject;
}

export interface PlannedRevision {
    readonly revision: string;
    readonly parents: readonly string[];
    readonly className: string;
    /** File name without extension: `<timestamp>-<slug>`. */
    readonly fileBase: string;
    readonly migrationText: string;
    readonly deltaText: string;
    readonly ops: readonly Op[];
}

export class InvalidRevisionRequestError extends RevisionError {
    override readonly name = "InvalidRevisionRequestError";
}

/**
 * The ops from the head's state to `current` (keeping the indexes `current` declares with
 * `synchronize: false`); throws `MultipleHeadsError` on unmerged branches.
 */
export function pendingChanges(store: RevisionStore, current: Schema, options: DiffOptions = {}): { parent: string | null; ops: Op[]; base: Schema } {
    const parent = store.graph.head();
    const base = store.stateAt(parent, current);
    return { parent, ops: diff(base, withUnmanagedIndexesKept(base, current), options), base };
}

/**
 * The next revision of a bind: migration class and schema delta, or null when the entities equal
 * the head's state. Writes nothing.
 */
export function planRevision(store: RevisionStore, current: Schema, request: RevisionRequest): PlannedRevision | null {
    const { parent, ops, base } = pendingChanges(store, current, { renames: request.renames, include: request.include });
    if (ops.length === 0) return null;
    const revision = request.revisionId ?? randomBytes(6).toString("hex");
    if (!/^[0-9a-z_-]{4,40}$/i.test(revision)) throw new InvalidRevisionRequestError(`revision id "${revision}" must be 4-40 letters, digits, _ or -`);
    if (store.graph.has(revision)) throw new InvalidRevisionRequestError(`revision id "${revision}" already exists`);
    const timestamp = timestampAfter(parent === null ? 0 : store.graph.get(parent).timestamp, request);
    const className = classNameFor(request.message, timestamp);
    const dialect = dialectModule(current.dialect);
    const end = applyOps(base, ops);
    const parents = parent === null ? [] : [parent];
    const migrationText = renderMigrationFile({
        header: { revision, parents, bind: request.bind, message: request.message },
        className,
        up: renderStatements(dialect, base, ops),
        down: renderStatements(dialect, end, invertOps(ops)),
    });
    const deltaText = serializeDelta({
        format: current.version,
        revision,
        parents,
        dialect: current.dialect,
        defaultSchema: current.defaultSchema,
        typeormVersion: current.typeormVersion,
        ops,
    });
    return { revision, parents, className, fileBase: `${timestamp}-${slugFor(request.message)}`, migrationText, deltaText, ops };
}

/** TypeORM runs migrations in timestamp order: a child must sort after its parent. */
function timestampAfter(parentTimestamp: number, request: RevisionRequest): number {
    if (request.timestamp !== undefined) {
        if (!Number.isInteger(request.timestamp) || String(request.timestamp).length !== 13) {
            throw new InvalidRevisionRequestError(`timestamp ${request.timestamp} must be a 13-digit millisecond timestamp`);
        }
        if (request.timestamp <= parentTimestamp) {
            throw new InvalidRevisionRequestError(`timestamp ${request.timestamp} is not later than the parent's ${parentTimestamp}`);
        }
        return request.timestamp;
    }
    return Math.max(request.now, parentTimestamp + 1);
}
