import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBlogDataSource } from "../../fixtures/blog/build-data-source";
import { v1, v2 } from "../../fixtures/online/entities";
import { postgresDialect } from "../../lib/dialects/postgres";
import { readSchema } from "../../lib/entities/read-schema";
import { planRevision } from "../../lib/generate/plan-revision";
import { blockingOps, describeLock, lockReport } from "../../lib/render/lock-report";
import { RevisionStore } from "../../lib/store/revision-store";
import { generateFor } from "../support/generate";

// The online fixture's second step (an index, a foreign key, a check, a NOT NULL, a unique on a
// table with rows): every change blocks writes in its plain form and none in its online form.
describe("lock report of a generated PostgreSQL migration, plain and --online", () => {
    let dir: string;
    const dataSource = (entities: typeof v1) => buildBlogDataSource(entities, { type: "postgres" });
    const plan = async (online: boolean) => {
        const planned = planRevision(RevisionStore.open(dir), await readSchema(dataSource(v2)), {
            message: "online",
            bind: "default",
            now: 1764000001000,
            timestamp: 1764000001000,
            online,
            backfills: [{ table: { schema: "public", table: "member" }, column: "email", value: "'unknown'" }],
        });
        if (planned === null) throw new Error("no changes");
        return planned;
    };

    before(async () => {
        dir = mkdtempSync(join(tmpdir(), "tm-lock-report-"));
        await generateFor(dir, dataSource(v1), { message: "members", revisionId: "onln0001", timestamp: 1764000000000 });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("plain: each change blocks writes, the header says so and names the online form", async () => {
        const planned = await plan(false);
        const blocking = blockingOps(lockReport(postgresDialect, planned.ops));
        expect(blocking.map(({ op }) => op.kind).sort()).to.include.members(["addCheck", "addForeignKey", "addUnique", "alterColumn", "createIndex"]);
        expect(blocking.map(describeLock)).to.include("SHARE; scans the table; BLOCKS WRITES");
        expect(planned.migrationText).to.include(" * BLOCKS WRITES: these ops make writes to their table wait while it is scanned, rewritten or indexed.");
        expect(planned.migrationText).to.include(" *     instead: generate --online: CREATE INDEX CONCURRENTLY");
    });

    it("--online: nothing blocks, and the header has no such section", async () => {
        const planned = await plan(true);
        const report = lockReport(postgresDialect, planned.ops, { online: true });
        expect(blockingOps(report).map(({ op }) => op.kind)).to.deep.equal([]);
        expect(report.map(describeLock)).to.include("SHARE UPDATE EXCLUSIVE (CONCURRENTLY); scans the table");
        expect(planned.migrationText).to.not.include("BLOCKS WRITES");
    });
});
