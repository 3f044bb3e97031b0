import type { MigrationInterface } from "typeorm";
import { UserFileError } from "../load/errors";
import type { RevisionNode } from "../revisions/graph";
import { loadMigration } from "./load-migration";

/** The migrations of a run, instantiated, by revision. */
export type LoadedMigrations = ReadonlyMap<string, MigrationInterface>;

/**
 * Loads every migration a run needs before its first statement, so that one that cannot load (a
 * `.ts` file without a TypeScript loader, a syntax error, a missing export) stops the run with
 * nothing applied instead of failing half way. Throws the loader's `UserFileError`.
 */
export async function loadMigrations(nodes: readonly RevisionNode[]): Promise<LoadedMigrations> {
    const loaded = new Map<string, MigrationInterface>();
    for (const node of nodes) {
        try {
            loaded.set(node.revision, await loadMigration(node));
        } catch (error) {
            // Whatever stops a migration loading (a loader that is not installed included) is the user's to fix.
            if (error instanceof UserFileError) throw error;
            throw new UserFileError(`cannot load migration ${node.file}: ${(error as Error).message.split("\n")[0]}`);
        }
    }
    return loaded;
}
