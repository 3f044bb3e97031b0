import type { QueryRunner } from "typeorm";
import type { RevisionNode } from "../revisions/graph";
import type { RevisionStore } from "../store/revision-store";
import { RunRefusedError } from "./errors";
import { rootDelta } from "./root-delta";

/**
 * The first migration of a bind would create tables the database already has, and no migration of
 * the bind is recorded: the database was built some other way (`synchronize()`, TypeORM's own
 * migrations, by hand) and running the migration would fail at its first CREATE TABLE.
 */
export class ExistingTablesError extends RunRefusedError {
    override readonly name = "ExistingTablesError";
    constructor(readonly tables: readonly string[]) {
        super(
            `the database already has ${tables.length === 1 ? "table" : `${tables.length} tables`} ${listed(tables)} that the first migration creates, and no migration is recorded; nothing was run`,
            "adopt it with `typeorm-migrate init --from-db`",
        );
    }
}

const shown = 5;

function listed(tables: readonly string[]): string {
    return tables.length <= shown ? tables.join(", ") : `${tables.slice(0, shown).join(", ")}, …`;
}

/** Refuses (see `ExistingTablesError`) when the first migration to run creates tables that exist. */
export async function refuseExistingTables(queryRunner: QueryRunner, store: RevisionStore, first: RevisionNode): Promise<void> {
    const existing: string[] = [];
    for (const op of rootDelta(store, first)?.ops ?? []) {
        if (op.kind !== "createTable") continue;
        const { schema, table } = op.definition.table;
        if (await queryRunner.hasTable(schema === "" ? table : `${schema}.${table}`)) existing.push(table);
    }
    if (existing.length > 0) throw new ExistingTablesError(existing);
}
