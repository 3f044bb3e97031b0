import { randomBytes } from "node:crypto";
import { applyOps } from "../diff/apply";
import { invertOps } from "../diff/invert";
import type { Op } from "../diff/ops";
import { dialectModule } from "../dialects/registry";
import { dataChecksSql } from "../dialects/data-check-sql";
import { dataCheckSpecs } from "../diff/data-checks";
import { classNameFor, slugFor } from "../render/class-name";
import { renderMigrationFile } from "../render/migration-file";
import { renderStatements } from "../render/statements";
import { lockReport, type OpLock } from "../render/lock-report";
import { RevisionError } from "../revisions/errors";
import type { ReplacedRevision } from "../revisions/header";
import type { Schema } from "../schema/model";
import { serializeDelta } from "../store/delta-file";
import type { RevisionStore } from "../store/revision-store";

export interface RevisionRequestBase {
    readonly message: string;
    readonly bind: string;
    /** Pins the revision id (tests, reproducible samples); random otherwise. */
    readonly revisionId?: string;
    /** Pins the class-name timestamp; must be later than the parents'. */
    readonly timestamp?: number;
    readonly now: number;
    /** Write the lock-friendly forms of each op (`generate --online`). */
    readonly online?: boolean;
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
    /** The lock each op the migration runs takes, as its header lists them (from `--from-db`'s live schema, these are other ops than `ops`). */
    readonly locks: readonly OpLock[];
}

export class InvalidRevisionRequestError extends RevisionError {
    override readonly name = "InvalidRevisionRequestError";
}

export interface RevisionParts {
    readonly parents: readonly string[];
    /** The first parent's state (the schema the delta starts from and the SQL runs on). */
    readonly base: Schema;
    /** What the migration runs. */
    readonly sqlOps: readonly Op[];
    /** What the delta records: the first parent's state to this revision's. */
    readonly deltaOps: readonly Op[];
    /** The schema this revision describes, for the delta's header (dialect, TypeORM version). */
    readonly target: Pick<Schema, "version" | "dialect" | "defaultSchema" | "typeormVersion">;
    /** Written in `up` and `down` when they run nothing. */
    readonly placeholder?: string;
    /** A baseline's adopted TypeORM migrations (see `RevisionDelta.adopts`). */
    readonly adopts?: readonly string[];
    /** A squash's replaced revisions, parents first (header and delta list them). */
    readonly replaces?: readonly ReplacedRevision[];
}

/** The migration class and delta of a revision: id, timestamp, names, rendered files. Writes nothing. */
export function assembleRevision(store: RevisionStore, parts: RevisionParts, request: RevisionRequestBase): PlannedRevision {
    const revision = request.revisionId ?? randomBytes(6).toString("hex");
    if (!/^[0-9a-z_-]{4,40}$/i.test(revision)) throw new InvalidRevisionRequestError(`revision id "${revision}" must be 4-40 letters, digits, _ or -`);
    if (store.graph.has(revision)) throw new InvalidRevisionRequestError(`revision id "${revision}" already exists`);
    const latestParent = Math.max(0, ...parts.parents.map((parent) => store.graph.get(parent).timestamp));
    const timestamp = timestampAfter(latestParent, request);
    const className = classNameFor(request.message, timestamp);
    const dialect = dialectModule(parts.base.dialect);
    const end = applyOps(parts.base, parts.sqlOps);
    const downOps = invertOps(parts.sqlOps);
    const locks = lockReport(dialect, parts.sqlOps, { online: request.online, start: parts.base });
    const migrationText = renderMigrationFile({
        header: {
            revision,
            parents: parts.parents,
            bind: request.bind,
            message: request.message,
            ...(parts.replaces === undefined ? {} : { replaces: parts.replaces }),
        },
        className,
        up: renderStatements(dialect, parts.base, parts.sqlOps, { online: request.online }),
        down: renderStatements(dialect, end, downOps, { online: request.online }),
        upChecks: dataChecksSql(dialect.dataChecks, dataCheckSpecs(parts.base, parts.sqlOps)),
        downChecks: dataChecksSql(dialect.dataChecks, dataCheckSpecs(end, downOps)),
        ...(parts.placeholder === undefined ? {} : { placeholder: parts.placeholder }),
        locks,
    });
    const deltaText = serializeDelta({
        format: parts.target.version,
        revision,
        parents: parts.parents,
        dialect: parts.target.dialect,
        defaultSchema: parts.target.defaultSchema,
        typeormVersion: parts.target.typeormVersion,
        ...(parts.adopts === undefined ? {} : { adopts: parts.adopts }),
        ...(request.online === true ? { online: true } : {}),
        ...(parts.replaces === undefined ? {} : { replaces: parts.replaces.map((replaced) => replaced.revision) }),
        ops: parts.deltaOps,
    });
    return {
        revision,
        parents: parts.parents,
        className,
        fileBase: `${timestamp}-${slugFor(request.message)}`,
        migrationText,
        deltaText,
        ops: parts.deltaOps,
        locks,
    };
}

/** TypeORM runs migrations in timestamp order: a child must sort after its parents. */
function timestampAfter(parentTimestamp: number, request: RevisionRequestBase): number {
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
