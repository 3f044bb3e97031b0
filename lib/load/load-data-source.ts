import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { InstanceChecker, type DataSource } from "typeorm";
import { markMetadataArgs } from "../typeorm";
import { isTypeAwareEmit, useTypeAwareEmit } from "./compile-for-node";
import { missingDriverError } from "./driver-error";
import { UserFileError } from "./errors";
import { markRequireCache } from "./forget-user-modules";
import { loadUserModule } from "./load-user-module";
import { isTypeScriptFile } from "./module-format";
import { preloadEntityFiles } from "./preload-entity-files";
import { useTypeAwareEmitInEsmHooks } from "./register-esm-hooks";
import { findTypeScript } from "./typescript-compiler";
import { asCompileError, compileErrorSummary } from "./typescript-diagnostics";

/**
 * Loads a file that exports a TypeORM DataSource, as TypeORM's CLI `-d` does: the default export
 * or the only exported DataSource. The data source is not initialized; its entity files are loaded.
 *
 * TypeScript is transpiled file by file where that gives TypeORM the same metadata; when a column's
 * type was lost that way (an imported union alias reflects as `Object`), everything is loaded again
 * emitted with the project's types, as TypeORM's own ts-node CLI reads it.
 */
export async function loadDataSource(file: string): Promise<DataSource> {
    const path = withExtension(resolve(file));
    if (path === null) throw new UserFileError(`data source file not found: ${file}`);
    const metadataArgs = markMetadataArgs();
    const requireCache = markRequireCache();
    let dataSource = await loadOnce(path, file);
    let lost = metadataArgs.columnsReflectedAsObject();
    if (lost.length > 0 && canEmitWithTypes(path)) {
        metadataArgs.rollback();
        requireCache.forgetUserModules();
        useTypeAwareEmit();
        await useTypeAwareEmitInEsmHooks();
        dataSource = await loadOnce(path, file);
        lost = metadataArgs.columnsReflectedAsObject();
    }
    if (lost.length > 0) {
        throw new UserFileError(
            `${file}: column ${lost[0]} has a type TypeORM reads as Object (a union, interface or any): give it an explicit type, e.g. @Column({ type: "varchar" })`,
        );
    }
    return dataSource;
}

async function loadOnce(path: string, file: string): Promise<DataSource> {
    let exported: Record<string, unknown>;
    try {
        exported = await loadUserModule(path, "data source");
    } catch (error) {
        throw loadError(error, file);
    }
    const candidates = [exported, ...Object.values(exported)].filter((value): value is DataSource => InstanceChecker.isDataSource(value));
    const unique = [...new Set(candidates)];
    if (unique.length === 0) throw new UserFileError(`${file} exports no DataSource`);
    if (unique.length > 1) throw new UserFileError(`${file} exports ${unique.length} DataSources; export exactly one`);
    try {
        await preloadEntityFiles(unique[0]);
    } catch (error) {
        // An entity file of a glob: reported as TypeORM's own loading would have failed.
        throw asCompileError(error) ?? loadError(error, file);
    }
    return unique[0];
}

function loadError(error: unknown, file: string): Error {
    if (error instanceof UserFileError) return error;
    return (
        missingDriverError(error) ??
        new UserFileError(`cannot load ${file}: ${compileErrorSummary(error) ?? (error as Error).message.split("\n")[0]}`).causedBy(error)
    );
}

function canEmitWithTypes(path: string): boolean {
    return isTypeScriptFile(path) && !isTypeAwareEmit() && findTypeScript(path)?.hasFastPath === true;
}

// A config names `./data-source` as an import would; compiled projects have the .js beside no .ts.
const extensions = ["", ".js", ".ts", ".mjs", ".mts", ".cjs", ".cts"];

function withExtension(path: string): string | null {
    return extensions.map((extension) => path + extension).find((candidate) => existsSync(candidate) && !statSync(candidate).isDirectory()) ?? null;
}
