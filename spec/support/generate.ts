import type { DataSource } from "typeorm";
import { planRevision, type RevisionRequest } from "../../lib/generate/plan-revision";
import { readSchema } from "../../lib/entities/read-schema";
import { RevisionStore } from "../../lib/store/revision-store";
import { writeRevision } from "../../lib/generate/write-revision";

/** `generate` through the library: the next revision of `dir` for `dataSource`'s entities; null when nothing changed. */
export async function generateFor(
    dir: string,
    dataSource: DataSource,
    request: Omit<RevisionRequest, "bind" | "now"> & { readonly timestamp: number },
): Promise<string | null> {
    const planned = planRevision(RevisionStore.open(dir), await readSchema(dataSource), { ...request, bind: "default", now: request.timestamp });
    return planned === null ? null : writeRevision(dir, planned).migrationFile;
}
