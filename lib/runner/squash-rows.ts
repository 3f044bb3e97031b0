import type { RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import { timestampOf, type RecordedMigration } from "./migrations-table";

/**
 * The migrations-table rows of the revisions a squash replaces: recorded when the squash runs and
 * removed when it is reverted, so that TypeORM's own `migration:show` (which lists the old files
 * while they exist) sees them applied, as this tool does.
 */
export function replacedRows(node: RevisionNode): RecordedMigration[] {
    return (node.replaces ?? []).map((replaced) => ({ name: replaced.name, timestamp: timestampOf(replaced.name) }));
}

/** Class name → revision id of every revision a squash of this folder replaces, whether its file is there or not. */
export function replacedNames(store: RevisionStore): Map<string, string> {
    return new Map(store.graph.all().flatMap((node) => (node.replaces ?? []).map((replaced) => [replaced.name, replaced.revision] as const)));
}

/** Squashes a database is at (all they replace applied) whose own row is not written yet. */
export function squashesToRecord(store: RevisionStore, applied: ReadonlySet<string>, recorded: readonly RecordedMigration[]): RevisionNode[] {
    const names = new Set(recorded.map((row) => row.name));
    return store.graph
        .squashes()
        .filter((squash) => applied.has(squash.revision))
        .map((squash) => store.graph.get(squash.revision))
        .filter((node) => !names.has(node.name));
}
