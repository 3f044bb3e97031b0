import type { DataSource } from "typeorm";
import { importClassesFromGlobs } from "../typeorm";

/**
 * Loads the entity files a data source names by glob, with TypeORM's own loader (the same module
 * instances its metadata builder will get from the module caches), so their decorators have run
 * before the loader checks what they declared.
 */
export async function preloadEntityFiles(dataSource: DataSource): Promise<void> {
    const entities = dataSource.options.entities;
    const globs = (Array.isArray(entities) ? entities : Object.values(entities ?? {})).filter((entry): entry is string => typeof entry === "string");
    if (globs.length === 0) return;
    await importClassesFromGlobs(globs);
}
