import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, parse } from "node:path";
import { RevisionGraph, type RevisionNode } from "../revisions/graph";
import { takeOrigins } from "../schema/entry-origins";
import { emptySchema, type Schema } from "../schema/model";
import { EntrySharing } from "../schema/shared-entries";
import { parseDelta, type RevisionDelta } from "./delta-file";
import { readDeltaLines } from "./delta-lines";
import { assertDeltaMatchesHeader } from "./delta-matches-header";
import { RevisionDeltaError } from "./errors";
import { scanMigrationFile } from "./migration-scan";
import { replayDelta } from "./replay-delta";
import { FileDigests } from "./file-digests";
import { chainKey, digest, StateCache } from "./state-cache";

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
        return this.deltaRead(revision).delta;
    }

    /** The delta and the digest of its text; a line at a time when it has the layout this tool writes. */
    private deltaRead(revision: string, sharing?: EntrySharing): { readonly delta: RevisionDelta; readonly digest: string } {
        const path = this.deltaPath(revision);
        const read = existsSync(path) ? readDeltaLines(path, sharing) : null;
        if (read !== null) {
            assertDeltaMatchesHeader(this.graph, this.graph.get(revision), read.delta, path);
            return read;
        }
        const text = this.deltaText(revision);
        return { delta: this.parsedDelta(revision, text), digest: digest(text) };
    }

    private deltaText(revision: string): string {
        const path = this.deltaPath(revision);
        if (!existsSync(path)) {
            throw new RevisionDeltaError(path, `missing: revision ${revision} (${parse(this.graph.get(revision).file).base}) has no schema delta beside it`);
        }
        return readFileSync(path, "utf8");
    }

    private parsedDelta(revision: string, text: string): RevisionDelta {
        const path = this.deltaPath(revision);
        const delta = parseDelta(text, path);
        assertDeltaMatchesHeader(this.graph, this.graph.get(revision), delta, path);
        return delta;
    }

    /**
     * The schema after `revision` (null: before any). Rebuilt by replaying deltas along first
     * parents; a merge revision's delta is relative to its first parent. The walk follows the
     * graph's parents (validated acyclic), and each delta must agree with them, so it always ends.
     * A state read from the state cache or replayed from the base takes `shareWith`'s entries where
     * they are equal to its own (the entities' schema, compared with it next: one copy of each entry
     * in memory).
     */
    stateAt(revision: string): Schema;
    stateAt(revision: string | null, base: Pick<Schema, "dialect" | "defaultSchema" | "typeormVersion">, shareWith?: Schema): Schema;
    stateAt(revision: string | null, base?: Pick<Schema, "dialect" | "defaultSchema" | "typeormVersion">, shareWith?: Schema): Schema {
        if (revision === null) {
            if (base === undefined) throw new TypeError("stateAt(null) needs the bind's dialect, default schema and TypeORM version");
            return emptySchema(base.dialect, base.defaultSchema, base.typeormVersion);
        }
        const cached = this.states.get(revision);
        if (cached) return cached;
        const links: string[] = [];
        let current: string | null = revision;
        while (current !== null && !this.states.has(current)) {
            links.push(current);
            current = this.graph.get(current).parents[0] ?? null;
        }
        if (current !== null) return this.replay(links, this.states.get(current) as Schema);
        return this.replayFromBase(links, shareWith);
    }

    /**
     * The state after the last of `links` (newest first, down to the base), from the state cache
     * where it holds one of the chain's states, else replayed from the base; kept for the next run.
     */
    private replayFromBase(links: readonly string[], shareWith: Schema | undefined): Schema {
        links.forEach((revision, i) => {
            if (existsSync(this.deltaPath(revision))) return;
            // As the walk from the newest always did: a newer delta that does not parse is named first.
            links.slice(0, i).forEach((newer) => this.delta(newer));
            this.deltaText(revision);
        });
        // Files are hashed in chunks: a kept state is found without holding the chain's text.
        const digests = FileDigests.forFolder(this.dir);
        const hashes = links.map((revision) => ({ migration: digests.of(this.graph.get(revision).file), delta: digests.of(this.deltaPath(revision)) }));
        digests.save();
        const keys: string[] = [];
        for (let i = links.length - 1; i >= 0; i--) keys.push(chainKey(keys.at(-1) ?? null, hashes[i].migration, hashes[i].delta));
        const cache = StateCache.forFolder(this.dir);
        // keys are base first, links newest first: keys[k] is the state after links[links.length - 1 - k].
        const sharing = shareWith && new EntrySharing(shareWith);
        const origins = takeOrigins(shareWith);
        const kept = cache.latest(keys, sharing, origins);
        const newer = links.length - 1 - (kept?.at ?? -1);
        if (kept !== null) this.states.set(links[newer], kept.state);
        if (newer === 0) return kept?.state as Schema;
        // Every delta still to replay is read (and checked) before any is applied, newest first.
        const read = links.slice(0, newer).map((revision) => this.deltaRead(revision, sharing));
        const deltas = read.map(({ delta }, i) => ({ delta, file: this.deltaPath(links[i]) }));
        const first = deltas[deltas.length - 1].delta;
        const state = this.replay(links.slice(0, newer), kept?.state ?? emptySchema(first.dialect, first.defaultSchema, first.typeormVersion), deltas);
        // Kept for heads only (the state asked for next time; an older one would push the head's
        // out), and only if the deltas replayed are the ones hashed (none changed in between).
        const unchanged = read.every((delta, i) => delta.digest === hashes[i].delta);
        if (unchanged && this.graph.heads().includes(links[0])) cache.write(keys[keys.length - 1], state, origins);
        return state;
    }

    /** Applies the deltas of `links` (newest first) to `state`, oldest first, keeping each state. */
    private replay(links: readonly string[], state: Schema, read?: readonly { delta: RevisionDelta; file: string }[]): Schema {
        const chain = read ?? links.map((revision) => ({ delta: this.delta(revision), file: this.deltaPath(revision) }));
        let next = state;
        for (const { delta, file } of [...chain].reverse()) {
            next = replayDelta(next, delta, file);
            this.states.set(delta.revision, next);
        }
        return next;
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
            const scanned = scanMigrationFile(file);
            if (scanned === null) continue;
            revisions.push({ ...scanned, file });
            break;
        }
    }
    return revisions;
}
