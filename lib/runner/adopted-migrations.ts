import type { RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import { timestampOf, type RecordedMigration } from "./migrations-table";
import { rootDelta } from "./root-delta";
import { replacedRows } from "./squash-rows";

/**
 * The migrations-table rows written with a revision besides its own, and removed with it:
 * - a baseline's (`init --from-db`): the TypeORM migrations it stands on. A database the baseline
 *   builds from nothing gets them with it, so that TypeORM's own `migration:run` sees them as
 *   applied, as on the adopted database;
 * - a squash's: the revisions it replaces, so that `migration:show` lists their files (while they
 *   exist) as run on a database the squash built.
 */
export function adoptedMigrations(store: RevisionStore, node: RevisionNode): RecordedMigration[] {
    const adopted = (rootDelta(store, node)?.adopts ?? []).map((name) => ({ name, timestamp: timestampOf(name) }));
    return [...adopted, ...replacedRows(node)];
}
