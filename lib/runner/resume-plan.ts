import type { RevisionNode } from "../revisions/graph";
import type { DirtyMigration, DirtyState } from "./dirty-state";
import { DirtyBindError, InDoubtStatementError, NothingToResumeError } from "./errors";
import { isReadOnlyStatement } from "./read-only";

/**
 * What a previous run left of a write it sent and never heard back about, as the user found by
 * looking at the database: `applied` (skip it) or `not-applied` (run it again).
 */
export type InDoubtOutcome = "applied" | "not-applied";

/** How the first migration of a resumed run picks up where the stopped run left it. */
export interface ResumePlan {
    readonly dirty: DirtyMigration;
    /** Writes the stopped run applied, to check against the migration and skip. */
    readonly alreadyApplied: readonly string[];
    /**
     * Settles the stopped run's last journal row before anything new runs: a failed statement, a
     * read, or a write that did not apply is taken out (it runs again); a write that did is kept.
     */
    settle(state: DirtyState): Promise<void>;
}

export interface ResumeRequest {
    readonly resume?: boolean;
    readonly inDoubt?: InDoubtOutcome;
}

/**
 * The resume plan for a run, or null when it is not resuming. Refuses to run over a dirty
 * database unless resuming, to resume anything else than the stopped migration, and to guess
 * whether an interrupted write applied.
 */
export function resumePlan(dirty: DirtyMigration | null, direction: "up" | "down", nodes: readonly RevisionNode[], request: ResumeRequest): ResumePlan | null {
    if (!request.resume) {
        if (dirty) throw new DirtyBindError(dirty);
        return null;
    }
    if (!dirty) throw new NothingToResumeError("nothing to resume: no migration stopped part way on this database");
    if (dirty.direction !== direction || nodes[0]?.revision !== dirty.revision) {
        const command = dirty.direction === "up" ? "upgrade" : "downgrade";
        throw new NothingToResumeError(
            `the stopped ${command} of ${dirty.revision} is what can be resumed; this run would start with ${nodes[0]?.revision ?? "nothing"}`,
            `run \`${command} --resume\`, or repair the database and run \`stamp <revision>\``,
        );
    }
    const stop = dirty.stoppedAt;
    const doubtfulWrite = stop !== null && stop.state === "started" && !isReadOnlyStatement(stop.statement);
    if (doubtfulWrite && request.inDoubt === undefined) throw new InDoubtStatementError(dirty, stop.statement);
    const keep = doubtfulWrite && request.inDoubt === "applied";
    return {
        dirty,
        alreadyApplied: keep ? [...dirty.applied, stop.statement] : dirty.applied,
        settle: async (state) => {
            if (stop === null) return;
            const journal = state.continue(dirty);
            await (keep ? journal.applied(stop.seq) : journal.forget(stop.seq));
        },
    };
}
