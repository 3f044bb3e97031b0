import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, parse } from "node:path";
import { RevisionGraph, type RevisionNode } from "../revisions/graph";
import { parseClassName, parseHeader } from "../revisions/header";
import { emptySchema, type Schema } from "../schema/model";
import { parseDelta, type RevisionDelta } from "./delta-file";
import { assertDeltaMatchesHeader } from "./delta-matches-header";
import { RevisionDeltaError } from "./errors";
import { replayDelta } from "./replay-delta";

/** Migration files the tool reads: TypeScript sources or their compiled JavaScript. */
const migrationExtensions = [".js", ".ts", ".cjs", ".mjs", ".mts", ".cts"];

export interface StoredRevision extends RevisionNode {
    readonly bind: string;
}

/**
 * The migrations folder of one bind: the revision graph from file headers (no compiling), and
 * each revision's schema state rebuilt offline from the `.json` deltas beside the files.
 */
export class RevisionStore {
    readonly graph: RevisionGraph;
    private readonly states = new Map<string, Schema>();

    private constructor(
        readonly dir: string,
        readonly revisions: readonly StoredRevision[],
    ) {
        this.graph = new RevisionGraph(revisions);
    }

    /** Reads the folder; a folder that does not exist yet holds no revisions. */
    static open(dir: string): RevisionStore {
        return new RevisionStore(dir, existsSync(dir) ? scanRevisionFiles(dir) : []);
    }

    deltaPath(revision: string): string {
        const file = this.graph.get(revision).file;
        const { dir, name } = parse(file);
        return join(dir, `${name}.json`);
    }

    /** The `.json` delta of `revision`, checked against its migration's header. */
    delta(revision: string): RevisionDelta {
        const path = this.deltaPath(revision);
        const node = this.graph.get(revision);
        if (!existsSync(path)) throw new RevisionDeltaError(path, `missing: revision ${revision} (${parse(node.file).base}) has no schema delta beside it`);
        const delta = parseDelta(readFileSync(path, "utf8"), path);
        assertDeltaMatchesHeader(this.graph, node, delta, path);
        return delta;
    }

    /**
     * The schema after `revision` (null: before any). Rebuilt by replaying deltas along first
     * parents; a merge revision's delta is relative to its first parent. The walk follows the
     * graph's parents (validated acyclic), and each delta must agree with them, so it always ends.
     */
    stateAt(revision: string): Schema;
    stateAt(revision: string | null, base: Pick<Schema, "dialect" | "defaultSchema" | "typeormVersion">): Schema;
    stateAt(revision: string | null, base?: Pick<Schema, "dialect" | "defaultSchema" | "typeormVersion">): Schema {
        if (revision === null) {
            if (base === undefined) throw new TypeError("stateAt(null) needs the bind's dialect, default schema and TypeORM version");
            return emptySchema(base.dialect, base.defaultSchema, base.typeormVersion);
        }
        const cached = this.states.get(revision);
        if (cached) return cached;
        const chain: { delta: RevisionDelta; file: string }[] = [];
        let current: string | null = revision;
        while (current !== null && !this.states.has(current)) {
            chain.push({ delta: this.delta(current), file: this.deltaPath(current) });
            current = this.graph.get(current).parents[0] ?? null;
        }
        const first = chain[chain.length - 1].delta;
        let state = current !== null ? (this.states.get(current) as Schema) : emptySchema(first.dialect, first.defaultSchema, first.typeormVersion);
        for (const { delta, file } of chain.reverse()) {
            state = replayDelta(state, delta, file);
            this.states.set(delta.revision, state);
        }
        return state;
    }
}

/**
 * The revisions among the folder's migration files. Files without a revision header are not ours
 * (TypeORM's own generator, hand-written ones, an index file) and are left to TypeORM: the folder
 * may be the one a DataSource's `migrations` glob names.
 */
function scanRevisionFiles(dir: string): StoredRevision[] {
    const byBase = new Map<string, string[]>();
    for (const entry of readdirSync(dir).sort()) {
        const { name, ext } = parse(entry);
        if (!migrationExtensions.includes(ext) || entry.endsWith(".d.ts")) continue;
        // Compiled JavaScript first: it runs without a compiler.
        const files = byBase.get(name) ?? [];
        byBase.set(name, ext === ".js" ? [join(dir, entry), ...files] : [...files, join(dir, entry)]);
    }
    const revisions: StoredRevision[] = [];
    for (const files of byBase.values()) {
        // A build that drops comments (removeComments) leaves the header only in the source.
        for (const file of files) {
            const text = readFileSync(file, "utf8");
            const header = parseHeader(text, file);
            if (header === null) continue;
            const { name, timestamp } = parseClassName(text, file);
            revisions.push({ ...header, name, timestamp, file });
            break;
        }
    }
    return revisions;
}
