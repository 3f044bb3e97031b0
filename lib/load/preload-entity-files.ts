import type { DataSource } from "typeorm";

interface DirectoryLoader {
    importClassesFromDirectories(logger: { log(): void }, directories: string[]): Promise<unknown[]>;
}

/**
 * Loads the entity files a data source names by glob, with TypeORM's own loader (the same module
 * instances its metadata builder will get from the module caches), so their decorators have run
 * before the loader checks what they declared.
 */
export async function preloadEntityFiles(dataSource: DataSource): Promise<void> {
    const entities = dataSource.options.entities;
    const globs = (Array.isArray(entities) ? entities : Object.values(entities ?? {})).filter((entry): entry is string => typeof entry === "string");
    if (globs.length === 0) return;
    // The same path in TypeORM 0.3 and 1.x.
    const loader = require("typeorm/util/DirectoryExportedClassesLoader") as DirectoryLoader;
    await loader.importClassesFromDirectories({ log: () => undefined }, globs);
}
