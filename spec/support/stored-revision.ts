import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Op } from "../../lib/diff/ops";
import { formatHeader } from "../../lib/revisions/header";
import { SCHEMA_FORMAT_VERSION } from "../../lib/schema/model";
import { serializeDelta } from "../../lib/store/delta-file";

/** A revision of bind `default` as the store reads it: `<timestamp>-r<id>.ts` with its header, and its PostgreSQL delta beside it. Returns the files' base name. */
export function writeStoredRevision(dir: string, revision: { id: string; parents: string[]; ops: readonly Op[]; timestamp: number }): string {
    const base = `${revision.timestamp}-r${revision.id}`;
    const header = formatHeader({ revision: revision.id, parents: revision.parents, bind: "default", message: revision.id });
    writeFileSync(join(dir, `${base}.ts`), [...header, `export class R${revision.timestamp} {}`, ""].join("\n"));
    writeFileSync(
        join(dir, `${base}.json`),
        serializeDelta({
            format: SCHEMA_FORMAT_VERSION,
            revision: revision.id,
            parents: revision.parents,
            dialect: "postgres",
            defaultSchema: "public",
            typeormVersion: "1.1.1",
            ops: revision.ops,
        }),
    );
    return base;
}
