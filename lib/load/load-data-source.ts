import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { InstanceChecker, type DataSource } from "typeorm";
import { UserFileError } from "./errors";
import { ensureTypeScriptLoader } from "./typescript-loader";
import { compileErrorSummary } from "./typescript-diagnostics";

/**
 * Loads a file that exports a TypeORM DataSource, as TypeORM's CLI `-d` does: the default export
 * or the only exported DataSource. The data source is not initialized.
 */
export async function loadDataSource(file: string): Promise<DataSource> {
    const path = withExtension(resolve(file));
    if (path === null) throw new UserFileError(`data source file not found: ${file}`);
    ensureTypeScriptLoader(path);
    let exported: Record<string, unknown>;
    try {
        exported = require(path) as Record<string, unknown>;
    } catch (error) {
        throw new UserFileError(`cannot load ${file}: ${compileErrorSummary(error) ?? (error as Error).message.split("\n")[0]}`);
    }
    const candidates = [exported, ...Object.values(exported)].filter((value) => InstanceChecker.isDataSource(value)) as DataSource[];
    const unique = [...new Set(candidates)];
    if (unique.length === 0) throw new UserFileError(`${file} exports no DataSource`);
    if (unique.length > 1) throw new UserFileError(`${file} exports ${unique.length} DataSources; export exactly one`);
    return unique[0];
}

// A config names `./data-source` as an import would; compiled projects have the .js beside no .ts.
const extensions = ["", ".js", ".ts", ".cjs", ".cts"];

function withExtension(path: string): string | null {
    return extensions.map((extension) => path + extension).find((candidate) => existsSync(candidate) && !statSync(candidate).isDirectory()) ?? null;
}
