import type { MigrationInterface } from "typeorm";
import { UserFileError } from "../load/errors";
import { loadUserModule } from "../load/load-user-module";
import { compileErrorSummary } from "../load/typescript-diagnostics";
import type { RevisionNode } from "../revisions/graph";

/** Instantiates the migration class a revision's file exports (`.ts` compiled, ES modules imported). */
export async function loadMigration(node: RevisionNode): Promise<MigrationInterface> {
    let exported: Record<string, unknown>;
    try {
        exported = await loadUserModule(node.file, "migration");
    } catch (error) {
        if (error instanceof UserFileError) throw error;
        throw new UserFileError(`cannot load migration ${node.file}: ${compileErrorSummary(error) ?? (error as Error).message.split("\n")[0]}`).causedBy(error);
    }
    const migrationClass = exported[node.name] ?? exported.default;
    if (typeof migrationClass !== "function") throw new UserFileError(`${node.file} does not export class ${node.name}`);
    const instance = new (migrationClass as new () => MigrationInterface)();
    if (typeof instance.up !== "function" || typeof instance.down !== "function") {
        throw new UserFileError(`${node.file}: class ${node.name} has no up/down methods`);
    }
    return instance;
}
