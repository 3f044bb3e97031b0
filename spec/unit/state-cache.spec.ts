import { expect } from "chai";
import { appendFileSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diff } from "../../lib/diff/diff";
import { emptySchema, SCHEMA_FORMAT_VERSION, type Schema } from "../../lib/schema/model";
import { serializeDelta, type RevisionDelta } from "../../lib/store/delta-file";
import { RevisionStore } from "../../lib/store/revision-store";
import { buildKey, chainKey, forgetStates, StateCache } from "../../lib/store/state-cache";
import { readStateFile, writeStateFile } from "../../lib/store/state-cache-file";
import { writeStoredRevision } from "../support/stored-revision";
import { syntheticSchema, withOneMoreColumn } from "../support/synthetic-schema";

// The state of the head revision is kept in node_modules/.cache/typeorm-migrate between runs; a
// kept state is used only for the very chain of files it was rebuilt from.

interface Project {
    readonly root: string;
    readonly migrations: string;
}

function project(withNodeModules = true): Project {
    const root = mkdtempSync(join(tmpdir(), "tm-state-cache-"));
    if (withNodeModules) mkdirSync(join(root, "node_modules"));
    const migrations = join(root, "src", "migrations");
    mkdirSync(migrations, { recursive: true });
    return { root, migrations };
}

const empty = emptySchema("postgres", "public", "1.1.1");

const v1 = syntheticSchema(6);
const v2 = withOneMoreColumn(v1);

function cacheFileOf(p: Project): string {
    const dir = join(p.root, "node_modules", ".cache", "typeorm-migrate");
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
    expect(files, "one cache file").to.have.length(1);
    return join(dir, files[0]);
}

/** Rewrites the kept state (its key as it is), so that a state read from the cache can be told from a replayed one. */
function tamperKeptState(p: Project): void {
    const file = cacheFileOf(p);
    const kept = readStateFile(file, () => true) as unknown as { key: string; state: Schema };
    const fd = openSync(file, "w");
    writeStateFile(fd, kept.key, { ...kept.state, extensions: ["from-the-cache"] });
    closeSync(fd);
    forgetStates();
}

const head = (dir: string) => {
    const store = RevisionStore.open(dir);
    return store.stateAt(store.graph.head() as string);
};

describe("the kept state of the head revision (node_modules/.cache/typeorm-migrate)", () => {
    let p: Project;
    beforeEach(() => {
        forgetStates();
        p = project();
        writeStoredRevision(p.migrations, { id: "aaaaaaaaaaa1", parents: [], ops: diff(empty, v1), timestamp: 1700000000001 });
    });
    afterEach(() => rmSync(p.root, { recursive: true, force: true }));

    it("is written by a replay and read back by the next store of the folder", () => {
        const replayed = head(p.migrations);
        expect(JSON.stringify(replayed)).to.equal(JSON.stringify(v1));
        tamperKeptState(p);
        expect(head(p.migrations).extensions).to.deep.equal(["from-the-cache"]);
    });

    it("is not used once a migration file changes", () => {
        head(p.migrations);
        tamperKeptState(p);
        const migration = readdirSync(p.migrations).find((f) => f.endsWith(".ts")) as string;
        appendFileSync(join(p.migrations, migration), "// edited\n");
        expect(JSON.stringify(head(p.migrations))).to.equal(JSON.stringify(v1));
    });

    it("is not used once a .json delta changes", () => {
        head(p.migrations);
        tamperKeptState(p);
        const json = join(p.migrations, readdirSync(p.migrations).find((f) => f.endsWith(".json")) as string);
        writeFileSync(json, serializeDelta({ ...(JSON.parse(readFileSync(json, "utf8")) as RevisionDelta), ops: diff(empty, v2) }));
        expect(JSON.stringify(head(p.migrations))).to.equal(JSON.stringify(v2));
    });

    it("is keyed by the TypeORM version installed, the schema format and this tool's build", () => {
        expect(chainKey(null, "m", "d", buildKey("1.1.1"))).not.to.equal(chainKey(null, "m", "d", buildKey("0.3.20")));
        expect(chainKey(null, "m", "d", buildKey("1.1.1"))).to.equal(chainKey(null, "m", "d", buildKey("1.1.1")));
        expect(buildKey("1.1.1")).to.include(`schema ${SCHEMA_FORMAT_VERSION}`);
        expect(chainKey("parent", "m", "d")).not.to.equal(chainKey("other parent", "m", "d"));
    });

    it("gives the state of an ancestor, and only the newer deltas are replayed on it", () => {
        head(p.migrations);
        tamperKeptState(p);
        writeStoredRevision(p.migrations, { id: "bbbbbbbbbbb2", parents: ["aaaaaaaaaaa1"], ops: diff(v1, v2), timestamp: 1700000000002 });
        const state = head(p.migrations);
        expect(state.extensions).to.deep.equal(["from-the-cache"]);
        expect(state.columns).to.have.length(v2.columns.length);
        // Now kept under the new head's key.
        forgetStates();
        expect(head(p.migrations).extensions).to.deep.equal(["from-the-cache"]);
    });

    it("ignores a cache file that does not parse, and replaces it", () => {
        head(p.migrations);
        writeFileSync(cacheFileOf(p), "{ not json");
        forgetStates();
        expect(JSON.stringify(head(p.migrations))).to.equal(JSON.stringify(v1));
        expect((readStateFile(cacheFileOf(p), () => true)?.state as unknown as Schema).tables).to.have.length(v1.tables.length);
    });

    it("still says which delta is broken, newest first, when nothing is kept", () => {
        writeStoredRevision(p.migrations, { id: "bbbbbbbbbbb2", parents: ["aaaaaaaaaaa1"], ops: diff(v1, v2), timestamp: 1700000000002 });
        const json = join(p.migrations, readdirSync(p.migrations).find((f) => f.endsWith("-rbbbbbbbbbbb2.json")) as string);
        writeFileSync(json, "{ broken");
        expect(() => head(p.migrations)).to.throw(/rbbbbbbbbbbb2\.json: not valid JSON/);
    });

    it("keeps nothing where no node_modules is above the folder, or with TYPEORM_MIGRATE_CACHE=off", () => {
        const bare = project(false);
        try {
            expect(StateCache.forFolder(bare.migrations).path).to.equal(null);
        } finally {
            rmSync(bare.root, { recursive: true, force: true });
        }
        const saved = process.env.TYPEORM_MIGRATE_CACHE;
        process.env.TYPEORM_MIGRATE_CACHE = "off";
        try {
            expect(StateCache.forFolder(p.migrations).path).to.equal(null);
            head(p.migrations);
            expect(existsSync(join(p.root, "node_modules", ".cache"))).to.equal(false);
        } finally {
            if (saved === undefined) delete process.env.TYPEORM_MIGRATE_CACHE;
            else process.env.TYPEORM_MIGRATE_CACHE = saved;
        }
    });

    it("keeps its files in the folder TYPEORM_MIGRATE_CACHE names, if an absolute path", () => {
        const saved = process.env.TYPEORM_MIGRATE_CACHE;
        const elsewhere = join(p.root, "elsewhere");
        process.env.TYPEORM_MIGRATE_CACHE = elsewhere;
        try {
            expect(StateCache.forFolder(p.migrations).path?.startsWith(join(elsewhere, ""))).to.equal(true);
            head(p.migrations);
            expect(readdirSync(elsewhere).filter((f) => f.endsWith(".json"))).to.have.length(1);
        } finally {
            if (saved === undefined) delete process.env.TYPEORM_MIGRATE_CACHE;
            else process.env.TYPEORM_MIGRATE_CACHE = saved;
        }
    });
});
