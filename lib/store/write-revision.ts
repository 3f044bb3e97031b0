import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PlannedRevision } from "../generate/plan-revision";

/**
 * Writes a revision's two files (schema delta, then migration) so that neither is ever left
 * half-written: each goes to a temporary name first, and a failure removes what was written.
 */
export function writeRevision(dir: string, planned: PlannedRevision, extension = ".ts"): { migrationFile: string; deltaFile: string } {
    mkdirSync(dir, { recursive: true });
    const migrationFile = join(dir, `${planned.fileBase}${extension}`);
    const deltaFile = join(dir, `${planned.fileBase}.json`);
    const written: string[] = [];
    try {
        for (const [file, text] of [[deltaFile, planned.deltaText], [migrationFile, planned.migrationText]] as const) {
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
