import type { DataSource } from "typeorm";
import { detectDrift, type DriftOptions } from "../database/drift";
import type { Op } from "../diff/ops";
import { Runner } from "../runner/runner";
import type { RevisionStore } from "../store/revision-store";

export interface VerifyStep {
    readonly revision: string;
    readonly direction: "up" | "down";
}

/** The first step whose migration failed, or left a database other than its snapshot says. */
export interface VerifyFailure extends VerifyStep {
    /** The migration threw. */
    readonly error?: Error;
    /** What would take the snapshot to the database the step left. */
    readonly ops: readonly Op[];
}

export interface VerifyResult {
    readonly steps: readonly VerifyStep[];
    readonly failure: VerifyFailure | null;
}

/**
 * On an empty scratch database: applies every revision from base, one at a time in graph order,
 * and compares the database with the snapshot after each (branches applied side by side compare
 * with their three-way merge); then reverts them one at a time back to base, comparing again.
 * Stops at the first step that fails or differs: a hand-edited migration that no longer matches
 * its snapshot is named before it reaches production.
 */
export async function verifyMigrations(
    scratch: DataSource,
    store: RevisionStore,
    onStep?: (step: VerifyStep) => void,
    options: DriftOptions = {},
): Promise<VerifyResult> {
    const runner = new Runner(scratch, store);
    const { graph } = store;
    const applied = new Set<string>();
    const steps: VerifyStep[] = [];
    const stepOnce = async (step: VerifyStep, run: () => Promise<readonly { status: string; error?: Error }[]>): Promise<VerifyFailure | null> => {
        steps.push(step);
        onStep?.(step);
        const failed = (await run()).find((result) => result.status === "failed");
        if (failed) return { ...step, error: failed.error, ops: [] };
        if (step.direction === "up") applied.add(step.revision);
        else applied.delete(step.revision);
        const { ops } = await detectDrift(scratch, store, graph.currentHeads(applied), undefined, options);
        return ops.length > 0 ? { ...step, ops } : null;
    };
    for (const node of graph.all()) {
        const failure = await stepOnce({ revision: node.revision, direction: "up" }, () => runner.upgrade(node.revision));
        if (failure) return { steps, failure };
    }
    for (const node of [...graph.all()].reverse()) {
        const remaining = graph.currentHeads(new Set([...applied].filter((revision) => revision !== node.revision)));
        const failure = await stepOnce({ revision: node.revision, direction: "down" }, () => runner.downgrade(remaining));
        if (failure) return { steps, failure };
    }
    return { steps, failure: null };
}
