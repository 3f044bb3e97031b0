/**
 * typeorm-migrate as a library: read entities into the schema model, diff two schemas, render
 * migrations, and run them.
 *
 * @example
 * import { readSchema, diff, emptySchema } from "typeorm-migrate";
 * const schema = await readSchema(dataSource);
 * const ops = diff(emptySchema(schema.dialect, schema.defaultSchema, schema.typeormVersion), schema);
 */
export * from "./schema/model";
export { canonicalize } from "./schema/canonical";
export { filterSchema, excludePatterns, type IncludeObject, type SchemaObjectRef } from "./schema/filter";
export { serializeSchema } from "./schema/serialize";
export { serializeDelta, parseDelta, type RevisionDelta } from "./store/delta-file";
export { readSchema, type ReadSchemaOptions } from "./entities/read-schema";
export { UnitCache } from "./store/unit-cache";
export { UnsupportedMetadataError, ConflictingMetadataError, IdentifierLimitError } from "./entities/errors";
export { diff, definitionOf, type DiffOptions } from "./diff/diff";
export { backfillsNeeded, backfillValue, makesNotNull, notNullColumn, type Backfill, type NotNullOp } from "./diff/backfills";
export { narrowings, type Narrowing } from "./diff/narrowing";
export { dataCheckSpecs, type DataCheckSpec } from "./diff/data-checks";
export { renameCandidates, InvalidRenameError, type RenameDecisions, type RenameCandidate, type TableRename, type ColumnRename } from "./diff/renames";
export { applyOp, applyOps } from "./diff/apply";
export { invertOp, invertOps } from "./diff/invert";
export { InvalidOpError, IrreversibleOpError } from "./diff/errors";
export type * from "./diff/ops";
export type { DialectModule, DialectVariant, EmitContext, Statement, Capabilities } from "./dialects/dialect";
export type { DialectReading } from "./dialects/reading";
export type { DialectRuntime } from "./dialects/runtime";
export { dialectModule, dialectForDriver, UnsupportedDialectError, UnsupportedDriverError } from "./dialects/registry";
export { TypeormMigrateError, BadInputError, ExitCode, type ExitCodeValue } from "./errors";
export { renderStatements, type OpStatements } from "./render/statements";
export { lockReport, blockingOps, describeLock, type OpLock, type LockReportOptions } from "./render/lock-report";
export type { LockClass, LockTable, LockContext } from "./dialects/locks";
export { renderMigrationFile, migrationSource, type MigrationFileInput, type MigrationModule } from "./render/migration-file";
export { RevisionGraph, type RevisionNode } from "./revisions/graph";
export { resolveTarget, resolveRange } from "./revisions/targets";
export * from "./revisions/errors";
export { RevisionStore } from "./store/revision-store";
export { cacheFolder, temporaryBeside } from "./store/cache-folder";
export { writeRevision } from "./generate/write-revision";
export { planRevision, pendingChanges, type PlannedRevision, type RevisionRequest } from "./generate/plan-revision";
export { Runner, type MigrationResult, type AppliedState, type RunOptions, type RunTarget, type StampResult, type InDoubtOutcome } from "./runner/runner";
export { connectForMigrations } from "./runner/connect";
export { loadDataSource } from "./load/load-data-source";
export { UserFileError } from "./load/errors";
export {
    defineConfig,
    configFileNames,
    defaultMigrationsDir,
    type TypeormMigrateConfig,
    type BindOptions,
    type TargetSource,
    type NamedTarget,
} from "./config/config";
export type { FleetTarget } from "./fleet/fleet-target";
export { listTargets, globToRegExp } from "./fleet/list-targets";
export { dataSourceForTarget } from "./fleet/target-data-source";
export { runPool, type PoolOutcome, type PoolOptions } from "./fleet/run-pool";
export { inTenantSchema, placedInSchema } from "./fleet/tenant-schema";
export { readBindSchema, hasSchemaTargets, requireSchemaFreeChain } from "./fleet/read-bind-schema";
export { TargetsError } from "./fleet/errors";
export {
    findConfigFile,
    loadConfigFile,
    singleBindConfig,
    dataSourceConfig,
    selectBinds,
    defaultBindName,
    type ResolvedBind,
    type ResolvedConfig,
} from "./config/resolve-config";
export { ConfigError, UnknownBindError, MigrationsLayoutError } from "./config/errors";
export {
    DirtyBindError,
    NothingToResumeError,
    RunRefusedError,
    InDoubtStatementError,
    MissingRevisionFileError,
    ConnectionLostError,
    LockTimeoutError,
    describeDirty,
} from "./runner/errors";
export { RevisionDeltaError, SnapshotFormatError } from "./store/errors";
export { ExistingTablesError } from "./runner/existing-tables";
export { typeormVersion, UnsupportedTypeormVersionError, ForeignTypeormCopyError } from "./typeorm";
export { maskCredentials } from "./load/mask-credentials";
export { type DirtyMigration } from "./runner/dirty-state";
export { drawGraph } from "./revisions/graph-text";
export { mergeSchemas, MergeConflictError } from "./schema/merge-schemas";
export { planMerge, planBlankRevision } from "./generate/plan-merge";
export { planSquash, squashRange, type SquashRange } from "./generate/plan-squash";
export { squashPlan, squashPathFor, type Squash, type SquashPath } from "./revisions/squash-plan";
export { type ReplacedRevision } from "./revisions/header";
export { assembleRevision, type RevisionRequestBase } from "./generate/assemble-revision";
export { pointAtUrl } from "./load/point-at-url";
export { introspect, IntrospectionError, type IntrospectOptions } from "./introspect";
export { detectDrift, type Drift } from "./database/drift";
export { shapeOf } from "./database/bind-shape";
export { stateOfRevisions } from "./generate/merged-state";
export { planFromDatabase, planBaseline } from "./generate/plan-from-database";
export { verifyMigrations, type VerifyResult, type VerifyStep, type VerifyFailure } from "./verify/verify-migrations";
export { createScratchDatabase, type ScratchDatabase } from "./verify/scratch-database";
export { offlineSql, type OfflineBlock, type OfflineSqlOptions } from "./runner/offline-script";
export { RecordingQueryRunner, OfflineSqlUnsupportedError } from "./runner/offline-query-runner";
export type { TransactionMode } from "./runner/transaction-scope";
export { isReadOnlyStatement } from "./runner/read-only";
export { oneLine, ResumeMismatchError, LockWaitError } from "./runner/statement-tracker";
export { adoptedMigrations } from "./runner/adopted-migrations";
export { parseOfflineRange, offlineSteps, type OfflineCommand, type OfflineRange, type OfflineStep } from "./runner/offline-range";
export { dataCheckMarker, isDataCheck } from "./dialects/data-check-sql";
export { TypeScriptCompileError, compileErrorSummary } from "./load/typescript-diagnostics";
export { mermaidErd, type ErdOptions } from "./render/erd-mermaid";
export { dbmlErd } from "./render/erd-dbml";
export { schemaChanges, type SchemaChanges, type ColumnChange } from "./render/erd-changes";
export { mermaidHistory, type MermaidHistoryOptions } from "./revisions/graph-mermaid";
