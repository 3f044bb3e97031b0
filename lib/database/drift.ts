import type { DataSource } from "typeorm";
import { diff } from "../diff/diff";
import type { Op } from "../diff/ops";
import { stateOfRevisions } from "../generate/merged-state";
import { introspect } from "../introspect";
import type { IncludeObject } from "../schema/filter";
import type { Schema } from "../schema/model";
import type { RevisionStore } from "../store/revision-store";
import { shapeOf } from "./bind-shape";
import { withEnumChangesOnce, withEnumChangesOnTypes } from "./enum-columns";
import { withoutRestatements } from "./restated-ops";
import { inTenantSchema, placedInSchema } from "../fleet/tenant-schema";

export interface Drift {
    /** The revisions the database is at (none: base). */
    readonly at: readonly string[];
    readonly expected: Schema;
    readonly live: Schema;
    /** What would take the snapshot to the database: objects added, missing or changed by hand. */
    readonly ops: readonly Op[];
}

export interface DriftOptions {
    /** The tenant schema of a fleet the database is compared in (its chain names no schema); other schemas are not looked at. */
    readonly tenantSchema?: string;
}

/** Compares a connected database with the snapshot of the revisions it is at. */
export async function detectDrift(
    dataSource: DataSource,
    store: RevisionStore,
    at: readonly string[],
    include?: IncludeObject,
    options: DriftOptions = {},
): Promise<Drift> {
    const { tenantSchema } = options;
    if (tenantSchema === undefined) {
        const expected = stateOfRevisions(store, at, shapeOf(dataSource));
        const live = await introspect(dataSource, { reference: expected, include });
        return { at, expected, live, ops: driftOps(expected, live, include) };
    }
    const expected = stateOfRevisions(store, at, { ...shapeOf(dataSource), defaultSchema: "" });
    const live = inTenantSchema(
        await introspect(dataSource, { reference: placedInSchema(expected, tenantSchema), include, schemas: [tenantSchema] }),
        tenantSchema,
    );
    return { at, expected, live, ops: driftOps(expected, live, include) };
}

/** What would take the snapshot to the database, each hand-made change once. */
function driftOps(expected: Schema, live: Schema, include: IncludeObject | undefined): Op[] {
    const compared = withEnumChangesOnTypes(expected, live);
    return withEnumChangesOnce(withoutRestatements(diff(expected, compared, { include }), expected, compared));
}
