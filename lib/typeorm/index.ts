// Everything of TypeORM's that is not its public API (driver fields, metadata building without a
// connection, MetadataArgsStorage's lookups and marks, the glob loader, query runner and migration
// executor internals) is reached through this folder, which knows TypeORM 0.3.x and 1.x.
export { typeormVersion, typeormMajor, typeormLocation, majorOf, oldest03, type TypeormMajor } from "./version";
export { UnsupportedTypeormVersionError, ForeignTypeormCopyError } from "./errors";
export { withIndexedMetadataArgs } from "./indexed-metadata-args";
export { markMetadataArgs, type MetadataArgsMark } from "./metadata-args-mark";
export { importClassesFromGlobs } from "./directory-loader";
export {
    assumeConnectedServer,
    buildMetadataOffline,
    hasEntityMetadata,
    releaseEntityMetadata,
    listedEntityCount,
    listsEntityGlobs,
    driverSchema,
    setConnectionOptions,
    uuidGenerator,
    extensionNeeds,
    type AssumedServer,
    type ExtensionNeeds,
} from "./offline-driver";
export { buildInPieces, type BuiltPiece, type BuildUnit, type UnitRead } from "./piecewise-build";
export { fingerprintText, fingerprintDigest, dataSourceFingerprint, UnfingerprintableError } from "./args-fingerprint";
export { columnLength } from "./column-length";
export { missingDriverPackage } from "./driver-package";
export { withDriverPackagesDeferred } from "./deferred-driver-packages";
export { privateQueryRunner, overrideMethods, escapedTablePath } from "./query-runner";
export { migrationsTableInternals, type MigrationsTableInternals } from "./migration-executor";
