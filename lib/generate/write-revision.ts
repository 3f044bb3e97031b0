import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidRevisionRequestError } from "./assemble-revision";
import type { PlannedRevision } from "./plan-revision";
import { migrationSource, typescriptMigrations, type MigrationFileFormat } from "../render/migration-file";

/**
 * Writes a revision's two files (schema delta, then migration) so that neither is ever left
 * half-written: each goes to a temporary name first, and a failure removes what was written. The
 * migration is written in `format` (the bind's: TypeScript, or JavaScript as the project runs it).
 */
export function writeRevision(
    dir: string,
    planned: PlannedRevision,
    format: MigrationFileFormat = typescriptMigrations,
): { migrationFile: string; deltaFile: string } {
    mkdirSync(dir, { recursive: true });
    const migrationFile = join(dir, `${planned.fileBase}${format.extension}`);
    const migrationText = migrationSource(planned.migrationText, planned.className, format.module);
    const deltaFile = join(dir, `${planned.fileBase}.json`);
    const taken = [migrationFile, deltaFile].find((file) => existsSync(file));
    if (taken !== undefined) throw new InvalidRevisionRequestError(`${taken} already exists`);
    const written: string[] = [];
    try {
        for (const [file, text] of [
            [deltaFile, planned.deltaText],
            [migrationFile, migrationText],
        ] as const) {
            const temporary = `${file}.${process.pid}.tmp`;
            writeFileSync(temporary, text, { flag: "wx" });
            written.push(temporary);
            renameSync(temporary, file);
            written[written.length - 1] = file;
        }
    } catch (error) {
        for (const file of written) rmSync(file, { force: true });
        throw error;
    }
    return { migrationFile, deltaFile };
}
