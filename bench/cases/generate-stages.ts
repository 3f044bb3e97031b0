import type { DataSource } from "typeorm";
import { installCompileCache } from "../../cli/code-cache/compile-cache";
import { beforeMetadataBuild, tuneMemoryForCli } from "../../lib/entities/cli-memory";
import { pieceReading } from "../../lib/entities/piece-reading";
import { cacheFolder } from "../../lib/store/cache-folder";

// `generate`'s work up to one stage, as a whole process, to see what each stage adds (BENCHMARKS.md):
//   node dist/bench/cases/generate-stages.js <stage> <data source> [<bind's migrations folder>]
// Stages, each including the ones before it:
//   load      Node, this tool's start-up settings and code cache, the data-source file (TypeORM, the
//             entity modules; the database client deferred, as the CLI does)
//   metadata  TypeORM's entity metadata, built as `generate` builds it (in pieces at 500+ entities),
//             read by nothing: the part of `generate` that any tool reading TypeORM's metadata pays
//   read      this tool's library and its reader: the entities' schema (with the bind's unit cache
//             when the migrations folder is given, as `generate` reads)
//   state     the head revision's schema (replayed, or from the state cache)
//   plan      the diff and the migration, printed (what `generate --dry-run` prints for a TypeScript project)
// The CLI's own start (argument parsing, config) is what `generate --dry-run` adds to `plan`.

export const stages = ["load", "metadata", "read", "state", "plan"] as const;
export type Stage = (typeof stages)[number];

/** Bad arguments: said in one line, without a stack. */
class UsageError extends Error {
    override readonly name = "UsageError";
}

async function main(): Promise<void> {
    const [stageArg, dataSourceFile, migrationsDir] = process.argv.slice(2);
    const stage = stages.indexOf(stageArg as Stage);
    if (stage < 0 || dataSourceFile === undefined) throw new UsageError(`usage: generate-stages.js <${stages.join("|")}> <data source> [<migrations folder>]`);
    if (stage >= stages.indexOf("state") && migrationsDir === undefined) throw new UsageError(`stage ${stageArg} needs the bind's migrations folder`);
    // As cli/main.ts does before it loads anything else (the modules below are required after it).
    tuneMemoryForCli();
    installCompileCache(cacheFolder(process.cwd()));
    const { loadDataSource } = require("../../lib/load/load-data-source") as typeof import("../../lib/load/load-data-source");
    const dataSource = await loadDataSource(dataSourceFile);
    if (stage === stages.indexOf("load")) return;
    if (stage === stages.indexOf("metadata")) return buildMetadataOnly(dataSource);
    const lib = require("../../lib") as typeof import("../../lib");
    // As `generate` reads a bind's entities: with what earlier runs kept of them (lib/store/unit-cache.ts).
    const cache = migrationsDir === undefined ? undefined : lib.UnitCache.forFolder(migrationsDir, "entities");
    const schema = await lib.readSchema(dataSource, { cache });
    if (stage === stages.indexOf("read")) return;
    const store = lib.RevisionStore.open(migrationsDir);
    store.stateAt(store.graph.head(), schema, schema);
    if (stage === stages.indexOf("state")) return;
    const planned = lib.planRevision(store, schema, { message: "x", bind: "default", now: Date.now() });
    process.stdout.write(planned === null ? "No changes in schema detected.\n" : planned.migrationText);
}

/** TypeORM's metadata built as `readSchema` has it built (read-schema.ts), read by nothing. */
async function buildMetadataOnly(dataSource: DataSource): Promise<void> {
    const { buildInPieces, listedEntityCount, listsEntityGlobs } = require("../../lib/typeorm") as typeof import("../../lib/typeorm");
    const entities = listedEntityCount(dataSource);
    beforeMetadataBuild(entities);
    if (entities >= pieceReading.minEntities || listsEntityGlobs(dataSource)) {
        if (await buildInPieces(dataSource, pieceReading.pieceSize, async () => undefined, pieceReading.minEntities)) return;
    }
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
}

// Run, not imported (the smoke spec imports `stages`).
if (require.main === module) {
    void main().catch((error: unknown) => {
        process.stderr.write(`${error instanceof UsageError ? error.message : ((error as Error).stack ?? String(error))}\n`);
        process.exit(1);
    });
}
