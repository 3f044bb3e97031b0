import type { ResolvedBind } from "../config/resolve-config";
import { readSchema } from "../entities/read-schema";
import type { Schema } from "../schema/model";
import { RevisionStore } from "../store/revision-store";
import { UnitCache } from "../store/unit-cache";
import { TargetsError } from "./errors";
import { inTenantSchema } from "./tenant-schema";

/** Whether a bind's targets are the schemas of one database: its chain then names no schema. */
export function hasSchemaTargets(bind: Pick<ResolvedBind, "targets">): boolean {
    const { targets } = bind;
    return targets !== undefined && !Array.isArray(targets) && "schemas" in targets;
}

/**
 * The schema a bind's entities describe, in the form its migrations are written in: for a bind
 * whose targets are schemas, relative to the tenant's schema (so one chain runs in each).
 */
export async function readBindSchema(bind: ResolvedBind): Promise<Schema> {
    const cache = UnitCache.forFolder(bind.migrationsDir, "entities");
    const schema = await readSchema(await bind.dataSource(), { serverVersion: bind.serverVersion, cache });
    if (!hasSchemaTargets(bind)) return schema;
    requireSchemaFreeChain(bind, RevisionStore.open(bind.migrationsDir));
    const elsewhere = [...schema.tables, ...schema.views].filter((object) => object.schema !== schema.defaultSchema);
    if (elsewhere.length > 0) {
        const named = elsewhere.map((object) => `${object.schema}.${"table" in object ? object.table : object.name}`);
        throw new TargetsError(
            `bind "${bind.name}" runs in each tenant's schema, but ${named.slice(0, 3).join(", ")}${named.length > 3 ? ` and ${named.length - 3} more` : ""} name another schema`,
            "leave `schema` out of these entities, or keep shared tables in a bind of their own",
        );
    }
    return inTenantSchema(schema, schema.defaultSchema);
}

/**
 * A bind whose targets are schemas runs its chain in each tenant's schema: a revision written
 * before the bind had schema targets names the default schema in its SQL, and would build the
 * tenant's tables there. Refuses such a chain before anything reads or runs it.
 */
export function requireSchemaFreeChain(bind: Pick<ResolvedBind, "name" | "targets">, store: RevisionStore): void {
    if (!hasSchemaTargets(bind)) return;
    const named = store.graph.all().find((node) => store.delta(node.revision).defaultSchema !== "");
    if (named === undefined) return;
    throw new TargetsError(
        `bind "${bind.name}" runs in each tenant's schema, but revision ${named.revision} (${named.name}) was written for schema "${store.delta(named.revision).defaultSchema}" and names it in its SQL`,
        "a fleet of schemas needs a chain written for it from its first revision: start the bind's migrations folder anew",
    );
}
