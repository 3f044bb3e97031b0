import type { RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import type { RecordedMigration } from "./migrations-table";
import { rootDelta } from "./root-delta";

/**
 * The migrations-table rows of the TypeORM migrations a baseline (`init --from-db`) stands on. A
 * database the baseline builds from nothing gets them with it, so that TypeORM's own
 * `migration:run` sees them as applied, as on the adopted database; its `down` removes them.
 */
export function adoptedMigrations(store: RevisionStore, node: RevisionNode): RecordedMigration[] {
    return (rootDelta(store, node)?.adopts ?? []).map((name) => ({ name, timestamp: timestampOf(name) }));
}

// TypeORM takes a migration's timestamp from the last 13 digits of its name, and refuses names without them.
function timestampOf(name: string): number {
    const digits = /(\d{13})$/.exec(name);
    return digits === null ? 0 : Number(digits[1]);
}
