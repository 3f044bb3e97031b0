/** TypeORM's `util/DirectoryExportedClassesLoader` (the same path and signature in 0.3 and 1.x). */
interface DirectoryLoader {
    importClassesFromDirectories(logger: { log(): void }, directories: string[]): Promise<unknown[]>;
}

/**
 * Requires the files `globs` match with TypeORM's own loader, the one its metadata builder uses for
 * entity and migration globs, so both get the same module instances from the module caches.
 */
export async function importClassesFromGlobs(globs: readonly string[]): Promise<void> {
    const loader = require("typeorm/util/DirectoryExportedClassesLoader") as DirectoryLoader;
    await loader.importClassesFromDirectories({ log: () => undefined }, [...globs]);
}
