import type { MigrationInterface } from "typeorm";
import type { RevisionNode } from "../revisions/graph";
import { TransactionModeError } from "./errors";
import type { LoadedMigrations } from "./preflight";

/**
 * As TypeORM names them: one transaction around every migration of the run, one per migration
 * (default; a migration with `transaction = false` runs outside), or none.
 */
export type TransactionMode = "all" | "each" | "none";

/** Whose transaction a migration's statements run in: their own, the run's one (`all`), or none. */
export type Scope = "own" | "outer" | "none";

/**
 * The scope of a run's migrations. Without transactional DDL (MySQL), "all" cannot hold and each
 * migration stands alone; with it, "all" refuses migrations that opt out of transactions, as
 * TypeORM does, before any of them runs.
 */
export function scopeFor(mode: TransactionMode | undefined, transactionalDdl: boolean, nodes: readonly RevisionNode[], migrations: LoadedMigrations): Scope {
    if (mode === "all" && transactionalDdl && nodes.length > 0) {
        refuseTransactionOptOuts(nodes, migrations);
        return "outer";
    }
    return mode === "none" ? "none" : "own";
}

/** Whether a migration opens and commits a transaction of its own. */
export function ownsTransaction(scope: Scope, transactionalDdl: boolean, migration: MigrationInterface): boolean {
    return scope === "own" && transactionalDdl && migration.transaction !== false;
}

function refuseTransactionOptOuts(nodes: readonly RevisionNode[], migrations: LoadedMigrations): void {
    const optOuts = nodes.filter((node) => migrations.get(node.revision)?.transaction === false);
    if (optOuts.length > 0) {
        throw new TransactionModeError(
            `one transaction around every migration cannot run ${optOuts.map((n) => `${n.revision} (${n.name})`).join(", ")}: it sets transaction = false`,
            "use --transaction each",
        );
    }
}
