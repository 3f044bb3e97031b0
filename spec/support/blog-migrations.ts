import { planRevision } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/metadata/read-schema";
import { RevisionStore } from "../../lib/store/revision-store";
import { writeRevision } from "../../lib/store/write-revision";
import type { BlogDataSourceOptions } from "../../fixtures/blog/build-data-source";
import type { BlogVersion } from "../../fixtures/blog/versions";

/**
 * Generates the migration that takes `dir` (a bind's folder) to `version`, as `generate` does,
 * with the version's pinned id and timestamp. Returns the written file, or null when nothing changed.
 */
export async function generateBlogRevision(dir: string, version: BlogVersion, options: BlogDataSourceOptions): Promise<string | null> {
    const schema = await readSchema(version.dataSource(options));
    const planned = planRevision(RevisionStore.open(dir), schema, {
        message: version.message, bind: "default", revisionId: version.revisionId, timestamp: version.timestamp, now: version.timestamp,
    });
    return planned === null ? null : writeRevision(dir, planned).migrationFile;
}
