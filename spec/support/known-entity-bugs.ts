import type { Dialect, Schema } from "../../lib/schema/model";

/** A lib bug the random entities hit, and how to recognize a pair of schemas that hits it. */
export interface KnownBug {
    readonly name: string;
    readonly dialect: Dialect;
    /** Whether migrating `from` → `to` runs into the bug. */
    hits(from: Schema, to: Schema): boolean;
}

/**
 * Bugs found by spec/e2e/entity-properties-db.spec.ts, each with its minimal case; delete an entry
 * when its bug is fixed.
 */
export const knownEntityBugs: readonly KnownBug[] = [];

/** The known bugs a migration between the two schemas runs into, either way round. */
export function knownBugsHit(a: Schema, b: Schema): KnownBug[] {
    return knownEntityBugs.filter((bug) => bug.dialect === a.dialect && (bug.hits(a, b) || bug.hits(b, a)));
}
