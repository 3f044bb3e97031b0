import type { DataSource } from "typeorm";
import { extensionNeeds } from "../../typeorm";

/**
 * The PostgreSQL extensions `synchronize()` installs for these entities (PostgresDriver.afterConnect):
 * asked of TypeORM's own metadata scan so the list follows the installed TypeORM version.
 */
export async function extensionsFor(dataSource: DataSource): Promise<string[]> {
    const options = dataSource.options as { installExtensions?: boolean; uuidExtension?: string; extensions?: string[] };
    if (options.installExtensions === false) return [];
    const needs = await extensionNeeds(dataSource);
    const wanted: [boolean, string][] = [
        [needs.hasUuidColumns, options.uuidExtension ?? "uuid-ossp"],
        [needs.hasCitextColumns, "citext"],
        [needs.hasHstoreColumns, "hstore"],
        [needs.hasGeometryColumns, "postgis"],
        [needs.hasCubeColumns, "cube"],
        [needs.hasLtreeColumns, "ltree"],
        [needs.hasVectorColumns === true, "vector"],
        [needs.hasExclusionConstraints, "btree_gist"],
    ];
    return [...new Set([...wanted.filter(([needed]) => needed).map(([, name]) => name), ...(options.extensions ?? [])])];
}
