import type { MigrationInterface } from "typeorm";
import { UserFileError } from "../load/errors";
import { ensureTypeScriptLoader } from "../load/typescript-loader";
import type { RevisionNode } from "../revisions/graph";

/** Instantiates the migration class a revision's file exports (compiling it only if it is `.ts`). */
export async function loadMigration(node: RevisionNode): Promise<MigrationInterface> {
    ensureTypeScriptLoader(node.file);
    let exported: Record<string, unknown>;
    try {
        exported = require(node.file) as Record<string, unknown>;
    } catch (error) {
        throw new UserFileError(`cannot load migration ${node.file}: ${(error as Error).message.split("\n")[0]}`);
    }
    const migrationClass = exported[node.name] ?? exported.default;
    if (typeof migrationClass !== "function") throw new UserFileError(`${node.file} does not export class ${node.name}`);
    const instance = new (migrationClass as new () => MigrationInterface)();
    if (typeof instance.up !== "function" || typeof instance.down !== "function") {
        throw new UserFileError(`${node.file}: class ${node.name} has no up/down methods`);
    }
    return instance;
}
